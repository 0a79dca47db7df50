'use strict';

// The portal's page: no framework, no token. It asks the gateway who is signed in and for the
// CSRF token (/portal/session), reads the API descriptions (/api-docs), and tries the token
// routes through /portal/api/..., where the gateway adds the person's access token; a partner
// administrator manages the partner's keys through /portal/keys/..., likewise.

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const WITH_BODY = ['post', 'put', 'patch'];
let csrf = null;

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function show(id, visible) {
  document.getElementById(id).hidden = !visible;
}

async function session() {
  const response = await fetch('/portal/session', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    show('sign-in', true);
    return;
  }
  const body = await response.json();
  csrf = body.csrf;
  document.getElementById('user').textContent = body.user;
  show('signed-in', true);
  show('sign-out', true);
}

async function apis() {
  const index = await fetch('/api-docs').then((response) => response.json());
  for (const entry of index.urls) {
    const description = await fetch(entry.url).then((response) => response.json());
    describe(entry.name, description);
  }
}

function describe(name, description) {
  const section = element('section');
  section.id = 'api-' + name;
  section.appendChild(element('h2', (description.info && description.info.title) || name));
  if (description.info && description.info.description) {
    section.appendChild(element('p', description.info.description));
  }
  const table = element('table');
  const head = table.createTHead().insertRow();
  ['Method', 'Path', 'What', 'Credentials', 'Roles', ''].forEach((title) => head.appendChild(element('th', title)));
  const rows = table.createTBody();
  Object.keys(description.paths || {}).sort().forEach((path) => {
    METHODS.filter((method) => description.paths[path][method]).forEach((method) => {
      const operation = description.paths[path][method];
      const row = rows.insertRow();
      row.dataset.operation = method.toUpperCase() + ' ' + path;
      row.appendChild(element('td', method.toUpperCase(), 'method'));
      row.appendChild(element('td', path, 'path'));
      row.appendChild(element('td', operation.summary || operation.operationId || ''));
      row.appendChild(element('td', (operation['x-gatehouse-credentials'] || []).join(', '), 'credentials'));
      row.appendChild(element('td', (operation['x-gatehouse-any-authority'] || []).join(', '), 'roles'));
      const action = row.insertCell();
      if (csrf && path.startsWith('/api/')) {
        const button = element('button', 'Try', 'try');
        button.type = 'button';
        button.addEventListener('click', () => prepare(method, path, operation));
        action.appendChild(button);
      }
    });
  });
  section.appendChild(table);
  document.getElementById('apis').appendChild(section);
}

function prepare(method, path, operation) {
  document.getElementById('try-method').textContent = method.toUpperCase();
  document.getElementById('try-path').textContent = path;
  const parameters = document.getElementById('try-parameters');
  parameters.replaceChildren();
  (operation.parameters || []).filter((parameter) => parameter.in === 'path' || parameter.in === 'query')
    .forEach((parameter) => {
      const label = element('label', parameter.name + ' (' + parameter.in + ')');
      const input = element('input');
      input.type = 'text';
      input.id = 'param-' + parameter.name;
      input.dataset.name = parameter.name;
      input.dataset.in = parameter.in;
      label.appendChild(input);
      parameters.appendChild(label);
    });
  show('try-body-label', WITH_BODY.includes(method));
  document.getElementById('try-body').value = '';
  show('result', false);
  show('try', true);
  document.getElementById('try').scrollIntoView();
}

async function send(event) {
  event.preventDefault();
  const method = document.getElementById('try-method').textContent;
  let path = document.getElementById('try-path').textContent;
  const query = new URLSearchParams();
  document.querySelectorAll('#try-parameters input').forEach((input) => {
    if (input.dataset.in === 'path') {
      path = path.replace('{' + input.dataset.name + '}', encodeURIComponent(input.value));
    }
    else if (input.value !== '') {
      query.append(input.dataset.name, input.value);
    }
  });
  const headers = { Accept: 'application/json' };
  headers[csrf.header] = csrf.token;
  const request = { method: method, headers: headers };
  if (WITH_BODY.includes(method.toLowerCase())) {
    headers['Content-Type'] = 'application/json';
    request.body = document.getElementById('try-body').value;
  }
  const url = '/portal' + path + (query.toString() ? '?' + query : '');
  const response = await fetch(url, request);
  const text = await response.text();
  document.getElementById('result-status').textContent = response.status + ' ' + response.statusText;
  const problem = (response.headers.get('Content-Type') || '').startsWith('application/problem+json');
  let shown = text;
  try {
    const body = JSON.parse(text);
    shown = JSON.stringify(body, null, 2);
    if (problem) {
      document.getElementById('problem-title').textContent = body.title;
      document.getElementById('problem-detail').textContent = body.detail;
      document.getElementById('problem-type').textContent = body.type;
      document.getElementById('problem-trace').textContent = body.traceId;
    }
  }
  catch (ignored) {
    // Not JSON: shown as it came.
  }
  show('problem', problem);
  document.getElementById('result-body').textContent = shown;
  show('result', true);
  document.getElementById('result').scrollIntoView();
}

// The partner's API keys, for a partner administrator only: /portal/keys/... is the gateway's key
// API called with the person's access token, which checks the role and the partner. Anyone else gets
// 403 and sees no section. A new key is shown once, in the page, and kept nowhere in the browser.
async function keys() {
  const response = await fetch('/portal/keys', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    show('keys', false);
    return;
  }
  const list = await response.json();
  const rows = document.getElementById('keys-rows');
  rows.replaceChildren();
  list.forEach((key) => {
    const row = rows.insertRow();
    row.dataset.key = key.id;
    row.dataset.state = key.state;
    row.dataset.retiresAt = key.retiresAt || '';
    [key.id, key.state, when(key.created), when(key.notAfter), when(key.retiresAt), key.plan,
      key.routes.join(', ')].forEach((value) => row.appendChild(element('td', value)));
    const actions = row.insertCell();
    if (key.state === 'active' || key.state === 'retiring') {
      actions.appendChild(keyButton('Rotate', 'rotate', () => rotate(key.id)));
      actions.appendChild(keyButton('Revoke', 'revoke', () => revoke(key.id)));
    }
  });
  document.getElementById('keys-partner').textContent = list.length ? '(' + list[0].partner + ')' : '';
  show('keys', true);
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

function keyButton(text, className, onClick) {
  const button = element('button', text, className);
  button.type = 'button';
  button.addEventListener('click', onClick);
  return button;
}

function write(method, url, body) {
  const headers = { Accept: 'application/json' };
  headers[csrf.header] = csrf.token;
  const request = { method: method, headers: headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  return fetch(url, request);
}

async function keysProblem(response) {
  let text = response.status + ' ' + response.statusText;
  try {
    const problem = await response.json();
    text = problem.title + ': ' + problem.detail + ' (trace id ' + problem.traceId + ')';
  }
  catch (ignored) {
    // No problem body: the status says it.
  }
  document.getElementById('keys-problem').textContent = text;
  show('keys-problem', true);
}

async function rotate(keyId) {
  show('keys-problem', false);
  const amount = document.getElementById('retire-in').valueAsNumber;
  if (!Number.isInteger(amount) || amount < 0) {
    document.getElementById('keys-problem').textContent =
      'Choose how long the old key keeps working: a whole number, 0 or more.';
    show('keys-problem', true);
    return;
  }
  const seconds = amount * Number(document.getElementById('retire-unit').value);
  const retireOldAt = new Date(Date.now() + seconds * 1000).toISOString();
  const response = await write('POST', '/portal/keys/rotate', { keyId: keyId, retireOldAt: retireOldAt });
  if (response.status !== 201) {
    await keysProblem(response);
    return;
  }
  const created = await response.json();
  document.getElementById('new-key-id').textContent = created.id;
  document.getElementById('new-key-value').textContent = created.key;
  document.getElementById('copy-key').textContent = 'Copy';
  document.getElementById('new-key-replaced').textContent = created.replaced
    .map((old) => 'The old key ' + old.id + ' works until ' + when(old.retiresAt) + '.').join(' ');
  show('new-key', true);
  await keys();
}

async function revoke(keyId) {
  show('keys-problem', false);
  const question = 'Revoke the API key ' + keyId + '? Every call with it is refused at once; this cannot be undone.';
  if (!confirm(question)) {
    return;
  }
  const response = await write('DELETE', '/portal/keys/' + encodeURIComponent(keyId));
  if (!response.ok) {
    await keysProblem(response);
    return;
  }
  if (document.getElementById('new-key-id').textContent === keyId) {
    forgetNewKey();
  }
  await keys();
}

function forgetNewKey() {
  document.getElementById('new-key-value').textContent = '';
  document.getElementById('new-key-id').textContent = '';
  show('new-key', false);
}

// Where the clipboard is not offered (plain HTTP on another host than loopback), the key is selected
// for the person to copy.
async function copyKey() {
  const value = document.getElementById('new-key-value');
  try {
    await navigator.clipboard.writeText(value.textContent);
    document.getElementById('copy-key').textContent = 'Copied';
  }
  catch (ignored) {
    const range = document.createRange();
    range.selectNodeContents(value);
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
  }
}

// Signing out ends the Keycloak session too: the gateway answers where to go next.
async function signOut(event) {
  event.preventDefault();
  const response = await write('POST', '/portal/logout');
  location.assign((await response.json()).location);
}

async function start() {
  document.getElementById('try-form').addEventListener('submit', send);
  document.getElementById('sign-out').addEventListener('submit', signOut);
  if (new URLSearchParams(location.search).has('error')) {
    document.getElementById('error').textContent = 'Sign-in failed; try again.';
    show('error', true);
  }
  document.getElementById('copy-key').addEventListener('click', copyKey);
  await session();
  if (csrf) {
    await keys();
  }
  await apis();
  document.body.dataset.ready = 'true';
}

start();
