-- connector-ls for Neovim 0.11+ (vim.lsp.config / vim.lsp.enable).
--
-- Put this file in a `lsp/` folder on 'runtimepath' (for example ~/.config/nvim/lsp/) and
-- call `vim.lsp.enable('connector_ls')`. The files keep their filetype (json, cs), so
-- treesitter and jsonls keep working: the server attaches by file name, with the connector
-- folder as root.

--- The connector folder of a connector file, or nil for any other file. A settings.json
--- counts only beside an apiDefinition*.swagger.json or an apiProperties.json.
local function connector_dir(path)
  local function is_definition(name)
    return name:match('^apiDefinition.*%.swagger%.json$') ~= nil
  end
  local name, dir = vim.fs.basename(path), vim.fs.dirname(path)
  if is_definition(name) or name == 'apiProperties.json' or name == 'script.csx' then
    return dir
  end
  if name == 'settings.json' then
    for sibling in vim.fs.dir(dir) do
      if is_definition(sibling) or sibling == 'apiProperties.json' then
        return dir
      end
    end
  end
  return nil
end

---@type vim.lsp.Config
return {
  cmd = { 'connector-ls', 'lsp' },
  filetypes = { 'json', 'cs' },
  root_dir = function(bufnr, on_dir)
    local dir = connector_dir(vim.api.nvim_buf_get_name(bufnr))
    -- Not calling on_dir leaves every other JSON or C# buffer alone.
    if dir then
      on_dir(dir)
    end
  end,
  -- Rule severities: { rules = { ['operation-id-not-pascal-case'] = 'off' } }
  init_options = vim.empty_dict(),
}
