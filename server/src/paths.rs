//! File paths as the configuration and baseline files write them: relative to the folder of
//! the file that names them, with `/` separators on every platform.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute, with `.` and `..` resolved by their names (symbolic links are not
/// followed: the paths here name files the user named).
pub fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut resolved = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            other => resolved.push(other),
        }
    }
    resolved
}

/// The absolute folder of a file.
pub fn folder_of(file: &Path) -> PathBuf {
    let mut folder = absolute(file);
    folder.pop();
    folder
}

/// `path` relative to the absolute folder `base`, with `/` separators; `None` when it lies
/// outside.
pub fn relative(base: &Path, path: &Path) -> Option<String> {
    let absolute = absolute(path);
    let inside = absolute.strip_prefix(base).ok()?;
    Some(
        inside
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_resolve_dot_dot_by_name() {
        let base = absolute(Path::new("project"));
        assert_eq!(base, std::env::current_dir().unwrap().join("project"));
        assert_eq!(
            relative(&base, Path::new("project/a/../b/./settings.json")).as_deref(),
            Some("b/settings.json")
        );
        assert_eq!(relative(&base, Path::new("other/settings.json")), None);
        assert_eq!(folder_of(Path::new("project/baseline.json")), base);
    }
}
