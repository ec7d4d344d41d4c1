// tsbareos web console: login (PAM conversation over a WebSocket), jobs table, command console.
// Plain ES module, no dependencies. Everything from the director is inserted as text, never as HTML.

const $ = (id) => document.getElementById(id);

const state = {
  session: null, // { user, director, csrfToken }
  jobs: [],
  sort: { key: 'jobid', dir: -1 },
  history: [],
  historyAt: 0,
  login: null, // the running WebSocket login
};

const NUMERIC = new Set(['jobid', 'jobfiles', 'jobbytes']);
const COLUMNS = ['jobid', 'name', 'client', 'starttime', 'duration', 'type', 'level', 'jobfiles', 'jobbytes', 'jobstatus'];
const STATUS_NAMES = { T: 'OK', E: 'Error', e: 'Non-fatal error', f: 'Fatal error', A: 'Canceled', R: 'Running', W: 'Warnings', C: 'Created' };

const LOGIN_MESSAGES = {
  AUTHENTICATION_FAILED: 'Login failed: wrong user name, password or code.',
  MISSING_USERNAME: 'Enter your user name.',
  MISSING_PASSWORD: 'Enter your password.',
  ACCOUNT_EXPIRED: 'Your account has expired. Contact the administrator.',
  PASSWORD_CHANGE_REQUIRED: 'Your password must be changed before you can log in.',
  PAM_NOT_AVAILABLE: 'PAM login is not available on this director.',
  DIRECTOR_UNAVAILABLE: 'The director is not reachable right now.',
  RATE_LIMITED: 'Too many failed logins. Wait a few minutes and try again.',
};

// ---------------------------------------------------------------------------------------- HTTP

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.session) headers['X-CSRF-Token'] = state.session.csrfToken;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const error = data.error ?? { code: 'INTERNAL', message: `HTTP ${res.status}` };
    if (error.code === 'UNAUTHENTICATED' && state.session) showLogin('Your session has ended. Log in again.');
    throw new ApiError(res.status, error.code, error.message);
  }
  return data;
}

// ---------------------------------------------------------------------------------------- login

function showLoginError(text) {
  const p = $('login-error');
  p.textContent = text;
  p.hidden = !text;
}

function resetLogin() {
  if (state.login) state.login.ws.close();
  state.login = null;
  $('prompts').replaceChildren();
  $('username').disabled = false;
  $('password').disabled = false;
  $('login-submit').disabled = false;
}

function startLogin() {
  showLoginError('');
  const username = $('username').value.trim();
  const password = $('password').value;
  if (!username) return showLoginError(LOGIN_MESSAGES.MISSING_USERNAME);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${scheme}//${location.host}/api/auth/ws`);
  const login = { ws, finished: false, waiting: false };
  state.login = login;
  $('username').disabled = true;
  $('password').disabled = true;
  $('login-submit').disabled = true;
  ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'start', username, password })));
  ws.addEventListener('message', (event) => onLoginMessage(login, JSON.parse(event.data)));
  ws.addEventListener('close', () => {
    if (login.finished || state.login !== login) return;
    resetLogin();
    showLoginError('The connection to the gateway was lost during the login.');
  });
}

function onLoginMessage(login, message) {
  if (message.type === 'prompt') return showPrompt(login, message);
  login.finished = true;
  if (message.type === 'success') return completeLogin(message.code);
  const error = message.error ?? {};
  resetLogin();
  $('password').value = '';
  showLoginError(LOGIN_MESSAGES[error.code] ?? error.message ?? 'Login failed.');
}

/** An extra PAM prompt (e.g. the one-time code): shown as its own field, answered by submitting the form. */
function showPrompt(login, message) {
  const label = document.createElement('label');
  const text = document.createElement('span');
  text.className = 'prompt-text';
  text.textContent = message.text.trim();
  const input = document.createElement('input');
  input.type = message.echo ? 'text' : 'password';
  input.autocomplete = 'one-time-code';
  input.className = 'pam-answer';
  label.append(text, input);
  $('prompts').replaceChildren(label);
  login.waiting = true;
  $('login-submit').disabled = false;
  input.focus();
}

function answerPrompt() {
  const login = state.login;
  const input = $('prompts').querySelector('input');
  if (!login || !login.waiting || !input) return;
  login.waiting = false;
  $('login-submit').disabled = true;
  input.disabled = true;
  login.ws.send(JSON.stringify({ type: 'answer', text: input.value }));
}

async function completeLogin(code) {
  try {
    const session = await api('POST', '/api/auth/complete', { code });
    resetLogin();
    $('password').value = '';
    showConsole(session);
  } catch (error) {
    resetLogin();
    showLoginError(LOGIN_MESSAGES[error.code] ?? error.message);
  }
}

function showLogin(message) {
  state.session = null;
  resetLogin();
  $('whoami').hidden = true;
  $('console-view').hidden = true;
  $('login-view').hidden = false;
  showLoginError(message ?? '');
  $('username').focus();
}

function showConsole(session) {
  state.session = session;
  $('current-user').textContent = session.user;
  $('current-director').textContent = session.director;
  $('whoami').hidden = false;
  $('login-view').hidden = true;
  $('console-view').hidden = false;
  $('output').textContent = '';
  $('command').focus();
  loadJobs();
}

async function logout() {
  try {
    await api('POST', '/api/auth/logout');
  } finally {
    showLogin('You have logged out.');
  }
}

// ---------------------------------------------------------------------------------------- jobs

async function loadJobs() {
  try {
    setJobs((await api('GET', '/api/jobs')).jobs);
  } catch (error) {
    appendOutput(`jobs: ${error.code}: ${error.message}\n`);
  }
}

function setJobs(jobs) {
  state.jobs = Array.isArray(jobs) ? jobs : [];
  fillFilter($('filter-client'), new Set(state.jobs.map((j) => j.client).filter(Boolean)), (v) => v);
  fillFilter($('filter-status'), new Set(state.jobs.map((j) => j.jobstatus).filter(Boolean)), (v) => `${v} ${STATUS_NAMES[v] ?? ''}`.trim());
  renderJobs();
}

function fillFilter(select, values, label) {
  const current = select.value;
  const options = [new Option('all', '')];
  for (const value of [...values].sort()) options.push(new Option(label(value), value));
  select.replaceChildren(...options);
  select.value = values.has(current) ? current : '';
}

function compareJobs(a, b) {
  const { key, dir } = state.sort;
  const x = a[key] ?? '';
  const y = b[key] ?? '';
  const order = NUMERIC.has(key) ? Number(x) - Number(y) : String(x).localeCompare(String(y));
  return order * dir;
}

function renderJobs() {
  const client = $('filter-client').value;
  const status = $('filter-status').value;
  const rows = state.jobs.filter((j) => (!client || j.client === client) && (!status || j.jobstatus === status)).sort(compareJobs);
  const head = document.createElement('tr');
  for (const key of COLUMNS) {
    const th = document.createElement('th');
    th.textContent = key;
    th.dataset.key = key;
    th.setAttribute('aria-sort', state.sort.key === key ? (state.sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    head.append(th);
  }
  $('jobs-table').tHead.replaceChildren(head);
  $('jobs-table').tBodies[0].replaceChildren(...rows.map(jobRow));
  $('jobs-count').textContent = `${rows.length} of ${state.jobs.length} jobs`;
}

function jobRow(job) {
  const tr = document.createElement('tr');
  for (const key of COLUMNS) {
    const td = document.createElement('td');
    const value = job[key] ?? '';
    td.textContent = NUMERIC.has(key) && value !== '' ? Number(value).toLocaleString('en-US') : String(value);
    if (NUMERIC.has(key)) td.className = 'num';
    if (key === 'jobstatus') {
      td.className = `status-${value}`;
      td.title = STATUS_NAMES[value] ?? '';
    }
    tr.append(td);
  }
  return tr;
}

function sortBy(key) {
  state.sort = { key, dir: state.sort.key === key ? -state.sort.dir : 1 };
  renderJobs();
}

// ---------------------------------------------------------------------------------------- console

function appendOutput(text) {
  const out = $('output');
  out.textContent += text;
  out.scrollTop = out.scrollHeight;
}

const LIST_JOBS = /^\s*l?list\s+jobs\b/i;

async function runCommand(command) {
  appendOutput(`* ${command}\n`);
  try {
    if (LIST_JOBS.test(command)) {
      // Listings of jobs go to the table: run them in api 2 and keep the rows.
      const { result } = await api('POST', '/api/console', { command, json: true });
      setJobs(result.jobs);
      appendOutput(`${state.jobs.length} jobs (shown in the table above)\n`);
      return;
    }
    const { output } = await api('POST', '/api/console', { command });
    appendOutput(output.endsWith('\n') || output === '' ? output : `${output}\n`);
  } catch (error) {
    appendOutput(`error ${error.code}: ${error.message}\n`);
  }
}

function onCommandKey(event) {
  const input = $('command');
  if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
  event.preventDefault();
  const { history } = state;
  state.historyAt = Math.max(0, Math.min(history.length, state.historyAt + (event.key === 'ArrowUp' ? -1 : 1)));
  input.value = history[state.historyAt] ?? '';
}

// ---------------------------------------------------------------------------------------- wiring

function init() {
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (state.login) answerPrompt();
    else startLogin();
  });
  $('logout').addEventListener('click', () => void logout());
  $('refresh-jobs').addEventListener('click', () => void loadJobs());
  $('filter-client').addEventListener('change', renderJobs);
  $('filter-status').addEventListener('change', renderJobs);
  $('jobs-table').tHead.addEventListener('click', (event) => {
    const key = event.target instanceof HTMLElement ? event.target.dataset.key : undefined;
    if (key) sortBy(key);
  });
  $('command-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const command = $('command').value.trim();
    if (!command) return;
    if (state.history[state.history.length - 1] !== command) state.history.push(command);
    state.historyAt = state.history.length;
    $('command').value = '';
    void runCommand(command);
  });
  $('command').addEventListener('keydown', onCommandKey);
  api('GET', '/api/auth/me').then(showConsole, () => showLogin());
}

init();
