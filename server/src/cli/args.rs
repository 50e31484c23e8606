//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::Severity;
use crate::rules::Profile;

#[derive(Debug, Parser)]
#[command(
    name = "connector-ls",
    version,
    about = "Language server and linter for Power Platform custom connectors"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check connector folders or files and report problems.
    #[command(
        after_help = "Exit status: 0 when there is no error, 1 when there are errors (or warnings \
                      with --deny-warnings), 2 for usage or I/O errors."
    )]
    Check(CheckArgs),
    /// List every rule with its default severity ("off" for the rules only the certification
    /// profile runs).
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// The configuration file, connector-ls.toml.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Print a rule's documentation (named by its id, a Swagger Validator code or a
    /// certification policy code).
    Explain {
        /// A rule id (operation-id-whitespace), a Swagger Validator code it reports
        /// (OperationIdSanitized) or a certification policy code (5000.2.2.1).
        rule: String,
    },
    /// Place Microsoft's validator messages (pipeline logs, the portal's errors, paconn
    /// output, bare JSON pointers) at their file, line and column in a connector.
    #[command(
        after_help = "Exit status: 0 when messages were placed, 1 when the log holds none, 2 for \
                      usage or I/O errors."
    )]
    Locate {
        /// The text with the messages: a file, or - for standard input.
        log: PathBuf,
        /// The connector folder (or one of its files) [default: .]
        connector: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Run the language server on standard input and output.
    Lsp {
        /// Accepted for clients that pass it (VS Code's); stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the JSON Schema of connector-ls.toml, for TOML editors (taplo, Even Better TOML).
    Schema,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Connector folders, connector files, or folders to search for connectors [default: .]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Exit with 1 when there are warnings, not only errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Apply the safe fixes to the files, then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff: apply the unsafe fixes too (they change behaviour or need a
    /// follow-up step; review them).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them (exit 1 when there is one).
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Use this configuration file for every connector, instead of the connector-ls.toml
    /// (or .connector-ls.toml) found in or above each connector folder.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files: every rule at its default severity.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Compare each connector with its version at this git revision (a branch, tag or
    /// commit, read through git without a checkout) and report the changes that break
    /// existing flows (the breaking- rules). A connector absent there is new.
    #[arg(long, value_name = "GIT-REF")]
    pub base: Option<String>,
    /// Run only these rules: rule ids, or family names (foundation, operations, responses,
    /// schemas, security, paths, documentation, properties, script, parameters, readme,
    /// breaking).
    /// Replaces the configuration file's `select`.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules (rule ids or family names), even when selected.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// The rule severities as a whole: certification turns every rule that reports a Swagger
    /// Validator or certification policy code on at certification's severity. Replaces the
    /// configuration file's `profile`; per-rule settings still win.
    #[arg(long, value_enum, value_name = "PROFILE")]
    pub profile: Option<ProfileArg>,
    /// Report only findings at least this severe.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub min_severity: Option<MinSeverity>,
    /// Hide the findings recorded in this baseline file (see --write-baseline): only new
    /// findings are reported and fail the run.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file, then exit 0.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "diff", "baseline"])]
    pub write_baseline: Option<PathBuf>,
    /// When to colour human output (auto: when standard output is a terminal and NO_COLOR is
    /// not set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// List every hint in the human report (by default they are counted by rule in one
    /// line). Other formats always list them.
    #[arg(long)]
    pub show_hints: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source snippets with the problem underlined, and a summary.
    Human,
    /// An array of diagnostics with LSP ranges.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// Azure Pipelines logging commands (errors and warnings of the run), as Microsoft's
    /// certification pipeline writes them.
    Azure,
}

/// The least severity `check --min-severity` reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MinSeverity {
    Error,
    Warning,
    Info,
    Hint,
}

impl From<MinSeverity> for Severity {
    fn from(severity: MinSeverity) -> Self {
        match severity {
            MinSeverity::Error => Severity::Error,
            MinSeverity::Warning => Severity::Warning,
            MinSeverity::Info => Severity::Info,
            MinSeverity::Hint => Severity::Hint,
        }
    }
}

/// The profile `check --profile` chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// Today's severities: an error only where Power Platform rejects the connector or it
    /// breaks.
    Default,
    /// Every Swagger Validator check at the validator's severity.
    Certification,
}

impl From<ProfileArg> for Profile {
    fn from(profile: ProfileArg) -> Self {
        match profile {
            ProfileArg::Default => Profile::Default,
            ProfileArg::Certification => Profile::Certification,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// One rule a line: id, default severity ("off" when only certification runs it), summary.
    Text,
    /// An array of objects with id, severity, summary, docs (Markdown) and reference.
    Json,
    /// The rule reference in Markdown, as in docs/rules.md.
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal.
    Auto,
    Always,
    Never,
}
