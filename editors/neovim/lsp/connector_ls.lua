-- connector-ls for Neovim 0.11+ (vim.lsp.config / vim.lsp.enable).
--
-- Put this file in a `lsp/` folder on 'runtimepath' (for example ~/.config/nvim/lsp/) and
-- call `vim.lsp.enable('connector_ls')`. The files keep their filetype (json, cs, markdown), so
-- treesitter and jsonls keep working: the server attaches by file name, with the connector
-- folder as root.

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

--- The server's code action "Generate schema from a sample…" runs its command with
--- `{ uri, pointer }` and no sample, for the editor to ask for one: ask, then send it.
local function generate_schema(command, ctx)
  local argument = (command.arguments or {})[1] or {}
  local client = assert(vim.lsp.get_client_by_id(ctx.client_id))
  local function send(sample)
    local arguments = { vim.tbl_extend('force', argument, { sample = sample }) }
    client:request('workspace/executeCommand', { command = command.command, arguments = arguments }, function(err)
      if err then
        vim.notify('connector-ls: ' .. err.message, vim.log.levels.ERROR)
      end
    end, ctx.bufnr)
  end
  if argument.sample ~= nil then
    return send(argument.sample)
  end
  vim.ui.input({ prompt = 'JSON sample of the response body: ' }, function(sample)
    if sample and vim.trim(sample) ~= '' then
      send(sample)
    end
  end)
end

--- Neovim starts no server whose `cmd` is not an executable, and says so only in
--- :checkhealth: say it once, in the first connector file opened, with the way out.
local checked = false
local function warn_if_missing(bufnr)
  if checked then
    return true
  end
  if not connector_dir(vim.api.nvim_buf_get_name(bufnr)) then
    return false
  end
  checked = true
  local cmd = (vim.lsp.config.connector_ls or {}).cmd
  local program = type(cmd) == 'table' and cmd[1] or nil
  if program == nil or vim.fn.executable(program) == 1 then
    return true
  end
  vim.notify(
    ("connector-ls: '%s' is not an executable on PATH. Install it (cargo install --path <checkout>) "
      .. "or point the config at a built binary: "
      .. "vim.lsp.config('connector_ls', { cmd = { '/path/to/connector-ls', 'lsp' } })"):format(program),
    vim.log.levels.WARN
  )
  return true
end

-- This file is read when the first JSON, C# or Markdown buffer opens.
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'json', 'cs', 'markdown' },
  group = vim.api.nvim_create_augroup('connector_ls_missing', { clear = true }),
  callback = function(args)
    -- Once said (or found present), the autocommand is done.
    return warn_if_missing(args.buf)
  end,
})
vim.schedule(function()
  warn_if_missing(vim.api.nvim_get_current_buf())
end)

-- Neovim watches no files on Linux: when a connector-ls.toml is written (an "Ignore RULE
-- here" entry saved with :w), tell the server, which reads it again and updates the findings.
vim.api.nvim_create_autocmd('BufWritePost', {
  pattern = { 'connector-ls.toml', '.connector-ls.toml' },
  group = vim.api.nvim_create_augroup('connector_ls_config_saved', { clear = true }),
  callback = function(args)
    local uri = vim.uri_from_fname(vim.fs.normalize(vim.api.nvim_buf_get_name(args.buf)))
    for _, client in ipairs(vim.lsp.get_clients({ name = 'connector_ls' })) do
      client:notify('workspace/didChangeWatchedFiles', { changes = { { uri = uri, type = 2 } } })
    end
  end,
})

---@type vim.lsp.Config
return {
  cmd = { 'connector-ls', 'lsp' },
  filetypes = { 'json', 'cs', 'markdown' },
  root_dir = function(bufnr, on_dir)
    local dir = connector_dir(vim.api.nvim_buf_get_name(bufnr))
    -- Not calling on_dir leaves every other JSON, C# or Markdown buffer alone.
    if dir then
      on_dir(dir)
    end
  end,
  -- Rule severities: { rules = { ['operation-id-not-pascal-case'] = 'off' } }
  -- Breaking changes as you type, compared with a git revision: { baseRef = 'origin/main' }
  -- (a connector-ls.toml `base-ref` takes precedence).
  init_options = vim.empty_dict(),
  commands = { ['connector-ls.generateSchema'] = generate_schema },
  -- generate_schema asks for the sample: the server may offer "Generate schema from a sample…".
  capabilities = { experimental = { connectorLs = { promptsForSample = true } } },
}
