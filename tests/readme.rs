//! Every command in the README's shell blocks is run: the `connector-ls` ones here, on a copy of
//! the example connectors; the others by `.ci/run`, where each appears as written, except the
//! few listed in `RUN_ELSEWHERE` with the place that runs their equivalent.

mod common;

use std::path::Path;
use std::process::Command;

/// README commands that .ci/run cannot run as written, and what runs them instead.
const RUN_ELSEWHERE: [(&str, &str); 2] = [
    (
        "cd editors/vscode && npm ci && scripts/package.sh ../../target/release/connector-ls",
        ".ci/run packages the extension with npm ci and scripts/package.sh on its release binary",
    ),
    (
        "code --install-extension dist/connector-ls-linux-x64.vsix",
        "the VS Code end-to-end test installs that .vsix into a real VS Code (code-server)",
    ),
];

/// The command lines of the README's ```sh blocks, without their comments.
fn readme_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).unwrap();
    let mut commands = Vec::new();
    let mut in_shell = false;
    for line in readme.lines() {
        match line.trim() {
            "```sh" => in_shell = true,
            "```" => in_shell = false,
            command if in_shell && !command.is_empty() => {
                let command = command.split(" # ").next().unwrap().trim();
                commands.push(command.to_string());
            }
            _ => {}
        }
    }
    commands
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Make `dir` a git repository with one commit, as a checkout of connectors is (`--base`).
fn commit_everything(dir: &Path) {
    for args in [
        &["init", "-q"][..],
        &["add", "-A"],
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "-qm",
            "connectors",
        ],
    ] {
        let status = Command::new("git")
            .args(args)
            .current_dir(dir)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }
}

#[test]
fn the_readme_connector_ls_commands_run() {
    let commands: Vec<String> = readme_commands()
        .into_iter()
        .filter(|c| c.starts_with("connector-ls "))
        .collect();
    assert!(commands.len() >= 5, "the README's tour: {commands:?}");
    for command in commands {
        // A fresh copy for each: `--fix` writes.
        let temp = tempfile::tempdir().unwrap();
        copy_tree(
            &common::repo_root().join("fixtures/examples"),
            &temp.path().join("fixtures/examples"),
        );
        commit_everything(temp.path());
        let output = Command::new(env!("CARGO_BIN_EXE_connector-ls"))
            .args(command.split_whitespace().skip(1))
            .current_dir(temp.path())
            .env_remove("GITHUB_ACTIONS")
            .env_remove("TF_BUILD")
            .output()
            .unwrap();
        let status = output.status.code();
        assert!(
            matches!(status, Some(0 | 1)) && !output.stdout.is_empty(),
            "`{command}` exited {status:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn the_readme_other_commands_are_run_by_ci() {
    let ci = std::fs::read_to_string(common::repo_root().join(".ci/run")).unwrap();
    for command in readme_commands() {
        if command.starts_with("connector-ls ")
            || RUN_ELSEWHERE.iter().any(|(listed, _)| *listed == command)
        {
            continue;
        }
        assert!(
            ci.contains(&command),
            "the README's `{command}` is not run by .ci/run"
        );
    }
}
