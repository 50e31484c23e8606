-- connector-ls for nvim-lspconfig's `require('lspconfig')` framework (Neovim 0.10).
--
-- On Neovim 0.11+, nvim-lspconfig itself recommends vim.lsp.config: use lsp/connector_ls.lua
-- there instead (it works with or without nvim-lspconfig installed).
--
-- Source this file from your config (or paste it in), then adjust the setup() call.

local configs = require('lspconfig.configs')

--- The connector folder of a connector file, or nil for any other file. A settings.json, and
--- a readme (readme.md in any casing, or intro.md), count only beside an
--- apiDefinition*.swagger.json or an apiProperties.json.
local function connector_dir(path)
  local function is_definition(name)
    return name:match('^apiDefinition.*%.swagger%.json$') ~= nil
  end
  local name, dir = vim.fs.basename(path), vim.fs.dirname(path)
  if is_definition(name) or name == 'apiProperties.json' or name == 'script.csx' then
    return dir
  end
  local lower = name:lower()
  if name == 'settings.json' or lower == 'readme.md' or lower == 'intro.md' then
    for sibling in vim.fs.dir(dir) do
      if is_definition(sibling) or sibling == 'apiProperties.json' then
        return dir
      end
    end
  end
  return nil
end

if not configs.connector_ls then
  configs.connector_ls = {
    default_config = {
      cmd = { 'connector-ls', 'lsp' },
      filetypes = { 'json', 'cs', 'markdown' },
      -- nil for every other JSON, C# or Markdown buffer, which the server then leaves alone.
      root_dir = function(fname)
        return connector_dir(fname)
      end,
      single_file_support = false,
    },
    docs = {
      description = 'connector-ls: diagnostics and quick fixes for Power Platform custom connectors',
    },
  }
end

require('lspconfig').connector_ls.setup({
  -- Rule severities: { rules = { ['operation-id-not-pascal-case'] = 'off' } }
  -- Breaking changes as you type, compared with a git revision: { baseRef = 'origin/main' }
  -- (a connector-ls.toml `base-ref` takes precedence).
  init_options = vim.empty_dict(),
})
