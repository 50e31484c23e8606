//! What custom code (script.csx) may use, from Microsoft's "Write code in a custom connector".

/// The namespaces a script may import. The platform compiles the script against these only.
pub const SUPPORTED_NAMESPACES: [&str; 26] = [
    "System",
    "System.Collections",
    "System.Collections.Generic",
    "System.Diagnostics",
    "System.IO",
    "System.IO.Compression",
    "System.Linq",
    "System.Net",
    "System.Net.Http",
    "System.Net.Http.Headers",
    "System.Net.Security",
    "System.Security.Authentication",
    "System.Security.Cryptography",
    "System.Text",
    "System.Text.RegularExpressions",
    "System.Threading",
    "System.Threading.Tasks",
    "System.Web",
    "System.Xml",
    "System.Xml.Linq",
    "System.Drawing",
    "System.Drawing.Drawing2D",
    "System.Drawing.Imaging",
    "Microsoft.Extensions.Logging",
    "Newtonsoft.Json",
    "Newtonsoft.Json.Linq",
];

/// The namespace of the classes the platform itself provides to scripts (`ScriptBase`,
/// `IScriptContext`), which Microsoft's own certified connectors import.
pub const PLATFORM_NAMESPACE: &str = "Microsoft.PowerPlatform.Connectors.CustomCode";

/// Whether a script may import `namespace`.
pub fn is_supported_namespace(namespace: &str) -> bool {
    SUPPORTED_NAMESPACES.contains(&namespace)
        || namespace == PLATFORM_NAMESPACE
        || namespace
            .strip_prefix(PLATFORM_NAMESPACE)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// The size the platform accepts a script up to ("less than 1 MB").
pub const MAX_SCRIPT_BYTES: usize = 1024 * 1024;
