-- End-to-end test in a real headless Neovim 0.11 with the project's own configuration
-- (editors/neovim/lsp/connector_ls.lua, on 'runtimepath'). test_neovim.py runs it as
--
--   nvim --headless --clean --cmd 'set rtp^=<repo>/editors/neovim' -c 'luafile neovim_e2e.lua'
--
-- with `connector-ls` on PATH and, in the environment, E2E_BROKEN and E2E_CLEAN: copies of
-- fixtures/examples/todo-broken and contoso-items, and E2E_OTHER: a folder that is no
-- connector. It prints one line per step ("ok - ..." or "not ok - ...") and quits with the
-- number of failed steps as exit status.

-- A feature still on its branch: its step must fail, with exactly this message, until it
-- lands; then set the flag to false (a passing step with the flag still true fails the run,
-- so it cannot be forgotten). Both have landed.
local COMPLETION_EXPECTED_TO_FAIL = false
local NO_COMPLETION = 'the server offers no completion'
-- The server's connector-ls.generateSchema command.
local SCHEMA_EXPECTED_TO_FAIL = false
local NO_SCHEMA_COMMAND = 'the server offers no connector-ls.generateSchema'

local TIMEOUT = 15000
local failures = 0

local function say(line)
  io.stdout:write(line, '\n')
  io.stdout:flush()
end

local function step(name, fn, expect_failure)
  local started = vim.uv.hrtime()
  local ok, err = xpcall(fn, debug.traceback)
  name = string.format('%s (%.1f s)', name, (vim.uv.hrtime() - started) / 1e9)
  if expect_failure then
    if ok then
      failures = failures + 1
      say('not ok - ' .. name .. ': passed, but is marked expected to fail (set the flag to false)')
    elseif tostring(err):find(expect_failure, 1, true) then
      say('ok - ' .. name .. ' # expected failure: ' .. expect_failure)
    else
      -- Failing for another reason than the expected one is a failure.
      failures = failures + 1
      say('not ok - ' .. name)
      say('  ' .. tostring(err):gsub('\n', '\n  '))
    end
  elseif ok then
    say('ok - ' .. name)
  else
    failures = failures + 1
    say('not ok - ' .. name)
    say('  ' .. tostring(err):gsub('\n', '\n  '))
  end
end

local function wait(what, condition)
  if not vim.wait(TIMEOUT, condition, 20) then
    error('timed out waiting for ' .. what .. '; messages: ' .. vim.fn.execute('messages'), 2)
  end
end

local function eq(expected, actual, what)
  if not vim.deep_equal(expected, actual) then
    error(string.format('%s: expected %s, got %s', what, vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

local function client_of(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'connector_ls' })[1]
end

--- The rule ids of a buffer's diagnostics, sorted.
local function rules(bufnr)
  local ids = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    ids[#ids + 1] = d.code
  end
  table.sort(ids)
  return ids
end

--- Edit a file and wait until the server has attached and diagnosed it.
local function open(path)
  vim.cmd.edit(vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  wait('connector_ls to attach to ' .. path, function()
    return client_of(bufnr) ~= nil
  end)
  return bufnr
end

--- Wait until `check(rules)` holds for the buffer's diagnostics.
local function wait_rules(bufnr, what, check)
  local ok = vim.wait(TIMEOUT, function()
    return check(rules(bufnr))
  end, 20)
  if not ok then
    error(string.format('%s: diagnostics are %s', what, vim.inspect(rules(bufnr))), 2)
  end
end

local function has(list, value)
  return vim.tbl_contains(list, value)
end

--- Put the cursor on the first `needle` (after `after`, if given) of the current buffer.
local function cursor_at(needle, offset)
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  for row, line in ipairs(lines) do
    local col = line:find(needle, 1, true)
    if col then
      vim.api.nvim_win_set_cursor(0, { row, col - 1 + (offset or 0) })
      return
    end
  end
  error('not in the buffer: ' .. needle, 2)
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

--- Pick the code action whose title is `title` through vim.lsp.buf.code_action, as a user
--- does (Neovim gathers the diagnostics under the cursor and sends them back), and apply it.
local function apply_code_action(bufnr, title, only)
  local before = vim.b[bufnr].changedtick
  local offered = {}
  vim.lsp.buf.code_action({
    context = only and { only = only, diagnostics = {} } or nil,
    apply = true,
    filter = function(action)
      offered[#offered + 1] = action.title
      return action.title == title
    end,
  })
  local ok = vim.wait(TIMEOUT, function()
    return vim.b[bufnr].changedtick ~= before
  end, 20)
  if not ok then
    error(string.format('code action %q was not applied; offered: %s', title, vim.inspect(offered)), 2)
  end
end

--- Complete at the cursor as a user does, in Insert mode, and accept the item labelled
--- `label` (CTRL-N until it is selected, then CTRL-Y): through 'omnifunc' (CTRL-X CTRL-O)
--- when `omni`, else through vim.lsp.completion.get(). Neovim applies the item itself (its
--- start column from the edit's range, the word, then on CompleteDone the snippet and the
--- additional edits). The cursor is at byte `col` of the current line (which may be its end,
--- where Normal mode cannot put it). Returns the line afterwards.
local function accept_completion(col, label, omni)
  local line = vim.api.nvim_get_current_line()
  local function keys(k)
    vim.api.nvim_feedkeys(vim.keycode(k), 'n', false)
  end
  local offered
  local group = vim.api.nvim_create_augroup('e2e_accept_completion', { clear = true })
  vim.api.nvim_create_autocmd('CompleteChanged', {
    group = group,
    callback = function()
      if offered then
        return
      end
      offered = vim.tbl_map(function(item)
        return item.abbr
      end, vim.fn.complete_info({ 'items' }).items)
      local index
      for i, abbr in ipairs(offered) do
        if abbr == label and not index then
          index = i
        end
      end
      -- Not inside the autocommand: the text is locked there.
      vim.schedule(function()
        keys(index and (string.rep('<C-n>', index) .. '<C-y><Esc>') or '<C-e><Esc>')
      end)
    end,
  })
  -- A menu that never shows must fail the step, not hang it.
  local guard = vim.defer_fn(function()
    if not offered then
      keys('<Esc>')
    end
  end, TIMEOUT)
  vim.o.completeopt = 'menuone,noselect,noinsert'
  local start = col >= #line and 'A' or 'i'
  local trigger = omni and '<C-x><C-o>' or '<Cmd>lua vim.lsp.completion.get()<CR>'
  -- 'x!': run the keys and stay in Insert mode until the <Esc> above ends it.
  vim.api.nvim_feedkeys(vim.keycode(start .. trigger), 'x!', false)
  guard:stop()
  vim.api.nvim_del_augroup_by_id(group)
  if vim.snippet.active() then
    vim.snippet.stop()
  end
  assert(offered, 'no completion menu for ' .. label)
  assert(vim.tbl_contains(offered, label), string.format('no %q among %s', label, vim.inspect(offered)))
  return vim.api.nvim_get_current_line()
end

--- The diagnostics the server has published, by URI: the last list of each (so that "no
--- diagnostics" means "the server said so", not "nothing came yet").
local published = {}
do
  local handler = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    if result then
      published[result.uri] = result.diagnostics
    end
    return handler(err, result, ctx, config)
  end
end

local broken = assert(os.getenv('E2E_BROKEN'), 'E2E_BROKEN')
local clean = assert(os.getenv('E2E_CLEAN'), 'E2E_CLEAN')
local other = assert(os.getenv('E2E_OTHER'), 'E2E_OTHER')

say('# Neovim ' .. tostring(vim.version()))
vim.lsp.enable('connector_ls')

local definition, properties

step('the config attaches to apiDefinition.swagger.json, which stays json, with the connector folder as root', function()
  definition = open(broken .. '/apiDefinition.swagger.json')
  eq('json', vim.bo[definition].filetype, 'filetype')
  local client = client_of(definition)
  eq(vim.fs.normalize(broken), vim.fs.normalize(client.root_dir), 'root_dir')
  eq('utf-8', client.offset_encoding, 'position encoding')
end)

step('diagnostics of the broken definition', function()
  wait_rules(definition, 'apiDefinition.swagger.json', function(ids)
    return #ids > 0
  end)
  eq({
    'json-syntax-error',
    'operation-description-missing',
    'operation-description-missing',
    'operation-description-missing',
    'operation-id-whitespace',
    'operation-ref-unknown',
    'parameter-description-missing',
    'parameter-description-missing',
    'path-parameter-encoding-missing',
    'path-parameter-encoding-missing',
    'path-parameter-undeclared',
    'response-schema-missing',
  }, rules(definition), 'rules')
  local whitespace = vim.tbl_filter(function(d)
    return d.code == 'operation-id-whitespace'
  end, vim.diagnostic.get(definition))[1]
  eq(vim.diagnostic.severity.ERROR, whitespace.severity, 'severity')
  eq('connector-ls', whitespace.source, 'source')
  local line = vim.api.nvim_buf_get_lines(definition, whitespace.lnum, whitespace.lnum + 1, false)[1]
  eq('"List Tasks"', line:sub(whitespace.col + 1, whitespace.end_col), 'range')
end)

step('apiProperties.json joins the same server; its diagnostics', function()
  properties = open(broken .. '/apiProperties.json')
  eq(client_of(definition).id, client_of(properties).id, 'one server per connector')
  wait_rules(properties, 'apiProperties.json', function(ids)
    return #ids > 0
  end)
  eq({ 'oauth-redirect-mode-global', 'oauth-redirect-url-missing', 'policy-operation-unknown' }, rules(properties), 'rules')
end)

step('hover shows the rule documentation', function()
  vim.cmd.buffer(definition)
  cursor_at('"List Tasks"', 2)
  local params = vim.lsp.util.make_position_params(0, 'utf-8')
  local replies = vim.lsp.buf_request_sync(definition, 'textDocument/hover', params, TIMEOUT)
  local _, reply = next(replies or {})
  assert(reply and reply.result, 'no hover: ' .. vim.inspect(replies))
  eq('markdown', reply.result.contents.kind, 'markup kind')
  assert(reply.result.contents.value:find('**operation-id-whitespace**', 1, true), reply.result.contents.value)
end)

step('source.fixAll.connector-ls repairs only the trailing comma while the JSON is broken', function()
  vim.cmd.buffer(definition)
  apply_code_action(definition, 'Apply the safe connector-ls fix', { 'source.fixAll.connector-ls' })
  local ok, decoded = pcall(vim.json.decode, buffer_text(definition))
  assert(ok, 'still not JSON: ' .. tostring(decoded))
  assert(buffer_text(definition):find('"operationId": "List Tasks"', 1, true), 'renamed while broken')
  wait_rules(definition, 'after fix-all', function(ids)
    return not has(ids, 'json-syntax-error') and has(ids, 'operation-id-whitespace')
  end)
end)

step('quick fix: rename the operationId, and the diagnostics follow (also in apiProperties.json)', function()
  vim.cmd.buffer(definition)
  cursor_at('"List Tasks"', 2)
  apply_code_action(definition, "Rename operationId to 'ListTasks'")
  assert(buffer_text(definition):find('"operationId": "ListTasks"', 1, true), 'the buffer was not edited')
  wait_rules(definition, 'after the rename', function(ids)
    return not has(ids, 'operation-id-whitespace')
  end)
  -- The policy in apiProperties.json names ListTasks, which now exists.
  wait_rules(properties, 'apiProperties.json after the rename', function(ids)
    return not has(ids, 'policy-operation-unknown')
  end)
  eq({
    'operation-description-missing',
    'operation-description-missing',
    'operation-description-missing',
    'operation-ref-unknown',
    'parameter-description-missing',
    'parameter-description-missing',
    'path-parameter-encoding-missing',
    'path-parameter-encoding-missing',
    'path-parameter-undeclared',
    'response-schema-missing',
  }, rules(definition), 'rules')
end)

step('unsafe quick fix: redirectMode Global, offered for review', function()
  vim.cmd.buffer(properties)
  cursor_at('"Global"', 2)
  local title = "Set redirectMode to 'GlobalPerConnector'; after the next import, copy the redirect URL "
    .. "shown on the connector's Security tab into the OAuth app registration (review the change)"
  apply_code_action(properties, title)
  assert(buffer_text(properties):find('"redirectMode": "GlobalPerConnector"', 1, true), 'not edited')
  wait_rules(properties, 'after the redirect fix', function(ids)
    return not has(ids, 'oauth-redirect-mode-global')
  end)
end)

step('"Ignore RULE here" creates connector-ls.toml (Neovim declares file creation, not documentChanges); saving it clears the finding', function()
  local config = broken .. '/connector-ls.toml'
  assert(vim.fn.filereadable(config) == 0, 'connector-ls.toml exists already')
  vim.cmd.buffer(definition)
  cursor_at('"delete"', 2)
  local title = 'Ignore operation-description-missing here (in connector-ls.toml)'
  local before = #vim.tbl_filter(function(id)
    return id == 'operation-description-missing'
  end, rules(definition))
  local offered = {}
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(action)
      offered[#offered + 1] = action.title
      return action.title == title
    end,
  })
  local ok = vim.wait(TIMEOUT, function()
    local bufnr = vim.fn.bufnr(config)
    return bufnr ~= -1 and buffer_text(bufnr):find('[[ignore]]', 1, true) ~= nil
  end, 20)
  if not ok then
    error(string.format('connector-ls.toml not created with the entry; offered: %s', vim.inspect(offered)))
  end
  -- Neovim 0.11 opens a buffer for it (with `ignoreIfExists` it creates no file on disk) and
  -- puts the entry there; the user saves it.
  vim.api.nvim_buf_call(vim.fn.bufnr(config), function()
    vim.cmd('silent write')
  end)
  local saved = table.concat(vim.fn.readfile(config), '\n')
  assert(saved:find('rules = ["operation-description-missing"]', 1, true), 'not saved: ' .. saved)
  -- The config tells the server of the write (Neovim watches no files): the finding goes.
  wait_rules(definition, 'after connector-ls.toml is saved', function(ids)
    local count = 0
    for _, id in ipairs(ids) do
      count = count + (id == 'operation-description-missing' and 1 or 0)
    end
    return count == before - 1
  end)
  vim.cmd.buffer(definition)
end)

step('a clean connector: its own server, no diagnostics in any of its files', function()
  local files = { 'apiDefinition.swagger.json', 'apiProperties.json', 'settings.json', 'script.csx' }
  local buffers = {}
  for _, name in ipairs(files) do
    buffers[name] = open(clean .. '/' .. name)
  end
  eq('cs', vim.bo[buffers['script.csx']].filetype, 'script.csx filetype')
  local client = client_of(buffers['apiDefinition.swagger.json'])
  assert(client.id ~= client_of(definition).id, 'another connector folder, another root')
  eq(vim.fs.normalize(clean), vim.fs.normalize(client.root_dir), 'root_dir')
  -- Every file has been analysed: the server pulled or published for each, with nothing.
  local method = client:supports_method('textDocument/diagnostic') and 'textDocument/diagnostic' or nil
  for name, b in pairs(buffers) do
    if method then
      local params = { textDocument = vim.lsp.util.make_text_document_params(b) }
      local replies = vim.lsp.buf_request_sync(b, method, params, TIMEOUT)
      local _, reply = next(replies or {})
      eq({}, reply.result.items, name .. ': pulled diagnostics')
    else
      local uri = vim.uri_from_bufnr(b)
      wait('a publication for ' .. name, function()
        return published[uri] ~= nil
      end)
      eq({}, published[uri], name .. ': published diagnostics')
    end
    eq({}, rules(b), name)
  end
end)

step('go to definition: a $ref to its definition, script.csx to the operation', function()
  vim.cmd.edit(vim.fn.fnameescape(clean .. '/apiDefinition.swagger.json'))
  local bufnr = vim.api.nvim_get_current_buf()
  cursor_at('"#/definitions/ItemPage"', 3)
  local from = vim.api.nvim_win_get_cursor(0)
  vim.lsp.buf.definition()
  wait('the jump to ItemPage', function()
    return not vim.deep_equal(vim.api.nvim_win_get_cursor(0), from)
  end)
  local row, col = unpack(vim.api.nvim_win_get_cursor(0))
  local line = vim.api.nvim_buf_get_lines(bufnr, row - 1, row, false)[1]
  eq('"ItemPage": {', vim.trim(line), 'definition line')
  eq(line:find('"ItemPage"', 1, true) - 1, col, 'definition column')

  vim.cmd.edit(vim.fn.fnameescape(clean .. '/script.csx'))
  cursor_at('"CreateItem"', 3)
  vim.lsp.buf.definition()
  wait('the jump into apiDefinition.swagger.json', function()
    return vim.fs.basename(vim.api.nvim_buf_get_name(0)) == 'apiDefinition.swagger.json'
  end)
  local target = vim.api.nvim_get_current_line()
  assert(target:find('"operationId": "CreateItem"', 1, true), target)
end)

step('rename an operationId: every file that names it follows', function()
  -- To the open buffer (`:edit` of the current file would reload it and re-attach).
  local bufnr = vim.fn.bufnr(clean .. '/apiDefinition.swagger.json')
  vim.cmd.buffer(bufnr)
  cursor_at('"CreateItem"', 3)
  local before = vim.b[bufnr].changedtick
  vim.lsp.buf.rename('AddItem')
  wait('the rename', function()
    return vim.b[bufnr].changedtick ~= before
  end)
  for _, name in ipairs({ 'apiDefinition.swagger.json', 'apiProperties.json', 'script.csx' }) do
    local b = vim.fn.bufnr(clean .. '/' .. name)
    local text = buffer_text(b)
    assert(text:find('AddItem', 1, true) and not text:find('CreateItem', 1, true), name .. ' not renamed')
  end
  vim.cmd('silent wall')
  wait_rules(bufnr, 'after the rename', function(ids)
    return #ids == 0
  end)
end)

step('"Generate schema from a sample…": the config asks for the sample and the schema lands', function()
  local bufnr = vim.fn.bufnr(broken .. '/apiDefinition.swagger.json')
  vim.cmd.buffer(bufnr)
  local provider = client_of(bufnr).server_capabilities.executeCommandProvider or {}
  assert(vim.tbl_contains(provider.commands or {}, 'connector-ls.generateSchema'), NO_SCHEMA_COMMAND)
  local input = vim.ui.input
  local prompted
  vim.ui.input = function(opts, on_confirm)
    prompted = opts.prompt
    on_confirm('{"id": "t1", "title": "Buy milk", "done": false}')
  end
  local ok, err = pcall(function()
    -- The response of ListTasks has no schema.
    cursor_at('"200"', 2)
    local before = vim.b[bufnr].changedtick
    vim.lsp.buf.code_action({
      apply = true,
      filter = function(action)
        return action.title:find('Generate schema from a sample', 1, true) ~= nil
      end,
    })
    wait('the schema', function()
      return vim.b[bufnr].changedtick ~= before
    end)
  end)
  vim.ui.input = input
  assert(ok, err)
  assert(prompted, 'no sample was asked for')
  local decoded = vim.json.decode(buffer_text(bufnr))
  local schema = decoded.paths['/lists/{listId}/tasks'].get.responses['200'].schema
  eq({ 'boolean', 'string', 'string' }, {
    schema.properties.done.type,
    schema.properties.id.type,
    schema.properties.title.type,
  }, 'inferred types')
  wait_rules(bufnr, 'after the schema', function(ids)
    return not has(ids, 'response-schema-missing')
  end)
end, SCHEMA_EXPECTED_TO_FAIL and NO_SCHEMA_COMMAND or nil)

step('other JSON and settings.json files are left alone', function()
  for _, name in ipairs({ 'settings.json', 'package.json', 'swagger.json' }) do
    vim.cmd.edit(vim.fn.fnameescape(other .. '/' .. name))
    local bufnr = vim.api.nvim_get_current_buf()
    eq('json', vim.bo[bufnr].filetype, name .. ' filetype')
    vim.wait(300)
    eq(nil, client_of(bufnr), name .. ' attached')
  end
end)

step('completion offers x-ms-visibility values', function()
  vim.cmd.edit(vim.fn.fnameescape(clean .. '/apiDefinition.swagger.json'))
  local bufnr = vim.api.nvim_get_current_buf()
  -- Type a new key inside the first operation, as a user would.
  cursor_at('"operationId"')
  local row = vim.api.nvim_win_get_cursor(0)[1]
  local indent = vim.api.nvim_buf_get_lines(bufnr, row - 1, row, false)[1]:match('^%s*')
  vim.api.nvim_buf_set_lines(bufnr, row, row, false, { indent .. '"x-ms-visibility": "",' })
  local line = vim.api.nvim_buf_get_lines(bufnr, row, row + 1, false)[1]
  vim.api.nvim_win_set_cursor(0, { row + 1, #line - 2 })
  assert(client_of(bufnr):supports_method('textDocument/completion'), NO_COMPLETION)
  local params = vim.lsp.util.make_position_params(0, 'utf-8')
  params.context = { triggerKind = 2, triggerCharacter = '"' }
  local replies = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, TIMEOUT)
  local _, reply = next(replies or {})
  assert(reply and reply.err == nil, 'completion failed: ' .. vim.inspect(reply and reply.err))
  local items = reply.result and (reply.result.items or reply.result) or {}
  local labels = vim.tbl_map(function(item)
    return item.label
  end, items)
  assert(has(labels, 'advanced'), 'no "advanced" among ' .. vim.inspect(labels))
end, COMPLETION_EXPECTED_TO_FAIL and NO_COMPLETION or nil)

step('accepting completion items leaves the text right (omnifunc and vim.lsp.completion)', function()
  local bufnr = vim.fn.bufnr(clean .. '/apiDefinition.swagger.json')
  vim.cmd.buffer(bufnr)
  local client = client_of(bufnr)
  --- Put `text` (with `|` for the cursor) in place of the line holding `needle`, accept
  --- `label` and check the line; then put the line back.
  local function case(needle, text, label, expected, omni)
    cursor_at(needle)
    local row = vim.api.nvim_win_get_cursor(0)[1]
    local original = vim.api.nvim_buf_get_lines(bufnr, row - 1, row, false)[1]
    local indent = original:match('^%s*')
    local col = text:find('|', 1, true)
    vim.api.nvim_buf_set_lines(bufnr, row - 1, row, false, { indent .. text:gsub('|', '', 1) })
    vim.api.nvim_win_set_cursor(0, { row, #indent + col - 1 })
    local ok, line = pcall(accept_completion, #indent + col - 1, label, omni)
    vim.api.nvim_buf_set_lines(bufnr, row - 1, row, false, { original })
    assert(ok, line)
    eq(expected, vim.trim(line), string.format('%s after accepting %s in %s', omni and 'omnifunc' or 'vim.lsp.completion', label, text))
  end
  local operation = '"operationId": "ListCategories",'
  local visibility = '"summary": "Get an item",'
  -- 'omnifunc' alone (Neovim's default): no snippet expansion, so plain values only.
  vim.bo[bufnr].omnifunc = 'v:lua.vim.lsp.omnifunc'
  case(operation, '"operationId": "|",', 'ListItems', '"operationId": "ListItems",', true)
  case(operation, '"operationId": "Li|",', 'ListItems', '"operationId": "ListItems",', true)
  case(visibility, '"x-ms-visibility": "|",', 'advanced', '"x-ms-visibility": "advanced",', true)

  vim.lsp.completion.enable(true, client.id, bufnr)
  -- A value inside an existing "" (the editor's closing quote): the bug was "ListItems"",
  case(operation, '"operationId": "|",', 'ListItems', '"operationId": "ListItems",')
  case(operation, '"operationId": "Li|",', 'ListItems', '"operationId": "ListItems",')
  -- After an opening quote, and on an empty value: the comma before the next key comes too.
  case(visibility, '"x-ms-visibility": "|', 'advanced', '"x-ms-visibility": "advanced",')
  case(visibility, '"x-ms-visibility": |', 'advanced', '"x-ms-visibility": "advanced",')
  -- Keys: inside "" the name only; after an opening quote or none, the member (a snippet,
  -- whose choice of value vim.snippet leaves empty, offering the choices in a menu).
  case(visibility, '"|"', 'x-ms-visibility', '"x-ms-visibility"')
  case(visibility, '"x-ms-vis|"', 'x-ms-visibility', '"x-ms-visibility"')
  case(visibility, '"x-ms-vis|', 'x-ms-visibility', '"x-ms-visibility": "",')
  case(visibility, '|', 'x-ms-visibility', '"x-ms-visibility": "",')
  case(visibility, '"|', 'summary', '"summary": "",')
  vim.lsp.completion.enable(false, client.id, bufnr)
end)

say(string.format('# %d failed', failures))
vim.cmd(failures == 0 and 'qall!' or ('cquit ' .. failures))
