'use strict';

// The portal's page: no framework, no token. It asks the gateway who is signed in and for the
// CSRF token (/portal/session), reads the API descriptions (/api-docs), and tries the token
// routes through /portal/api/..., where the gateway adds the person's access token.

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

// Signing out ends the Keycloak session too: the gateway answers where to go next.
async function signOut(event) {
  event.preventDefault();
  const headers = { Accept: 'application/json' };
  headers[csrf.header] = csrf.token;
  const response = await fetch('/portal/logout', { method: 'POST', headers: headers });
  location.assign((await response.json()).location);
}

async function start() {
  document.getElementById('try-form').addEventListener('submit', send);
  document.getElementById('sign-out').addEventListener('submit', signOut);
  if (new URLSearchParams(location.search).has('error')) {
    document.getElementById('error').textContent = 'Sign-in failed; try again.';
    show('error', true);
  }
  await session();
  await apis();
  document.body.dataset.ready = 'true';
}

start();
