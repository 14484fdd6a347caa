// The admin console: sign in, companies (operator), service accounts, an account's page, the directory.
// Pages are rendered from the public HTTP API only; every API text goes in as text (dom.js).
import {ApiError, command, current, loadConfig, onExpired, query, read, seg, signIn, signOut} from './api.js';
import {announce, clearErrors, confirm, dialog, field, formError, h, newId, showError, showSecret, when} from './dom.js';

const TOOLS = ['ADMIN', 'DIRECTORY', 'DOCUMENTS', 'INSPECTIONS', 'PERMISSIONS', 'PLANROOM', 'PORTFOLIO', 'REPORTS',
  'SCHEDULE', 'TIMECARD', 'ERP_INTEGRATIONS'];
const PROJECT_TOOLS = ['BUDGET', 'DIRECTORY', 'DOCUMENTS', 'DRAWINGS', 'RFIS', 'SUBMITTALS', 'SCHEDULE', 'PHOTOS'];
const LEVELS = ['NONE', 'READ_ONLY', 'STANDARD', 'ADMIN'];
const LEVEL_NAMES = {NONE: 'None', READ_ONLY: 'Read Only', STANDARD: 'Standard', ADMIN: 'Admin'};
const TOOL_NAMES = {ERP_INTEGRATIONS: 'ERP Integrations', RFIS: 'RFIs'};
const APP_TYPES = {CUSTOM: 'Custom', MARKETPLACE: 'Marketplace'};
const STATUS_NAMES = {ACTIVE: 'Active', DEACTIVATED: 'Deactivated', DELETED: 'Deleted'};
const REASONS = {
  DEACTIVATED: 'the account is deactivated',
  DELETED: 'the account is deleted',
  EMAIL_CHANGED: "its directory contact's email was changed from the generated one",
  IN_FOREIGN_DIRECTORY: "its directory contact was added to another company's directory",
  NO_PERMISSIONS: 'it holds no permission, so its tokens can do nothing',
};
const PAGE_SIZE = 20;
// how long a permission's radio group must rest on a level before that level is sent (ms)
const SETTLE_MS = 400;

const main = document.getElementById('main');
const companyNames = new Map();
let marketplaceApps = null;
let signInMessage = '';

const toolName = tool => TOOL_NAMES[tool] || tool.charAt(0) + tool.slice(1).toLowerCase();
const reasonText = reasons => reasons.map(reason => REASONS[reason] || reason).join('; ');
const functionalReasons = account => (account.reasons || []).filter(reason => reason !== 'NO_PERMISSIONS');
const lastUsed = account => (account.secrets || []).map(secret => secret.lastUsedAt).filter(Boolean).sort().pop();
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Reads until the views show a command's outcome (they follow the events within a moment; 10 s at most). */
async function eventually(load, done) {
  let value = null;
  for (let attempt = 0; attempt < 66; attempt += 1) {
    try {
      value = await load();
      if (done(value)) {
        return value;
      }
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) {
        throw e;
      }
    }
    await sleep(150);
  }
  return value;
}

// ---- frame: header, navigation, routing ----

function go(hash) {
  if (location.hash === hash) {
    render();
  } else {
    location.hash = hash;
  }
}

async function companyName(companyId) {
  if (!companyNames.has(companyId)) {
    try {
      const company = await eventually(() => read(`/api/v1/companies/${seg(companyId)}`), Boolean);
      companyNames.set(companyId, company ? company.name : companyId);
    } catch (e) {
      return companyId;
    }
  }
  return companyNames.get(companyId);
}

async function frame(companyId, active) {
  const session = current();
  document.getElementById('who').textContent = session.clientId
    + (session.operator && session.clientId !== 'operator' ? ' (operator)' : '');
  document.getElementById('top').hidden = false;
  const name = companyId ? await companyName(companyId) : '';
  document.getElementById('company-name').textContent = name;
  const link = (href, text, key) => h('a', {href, 'aria-current': key === active ? 'page' : null}, text);
  const nav = document.getElementById('nav');
  const key = `${session.clientId}|${companyId}|${active}`;
  if (nav.dataset.key === key) {
    return;
  }
  nav.dataset.key = key;
  nav.replaceChildren(...[
    session.operator ? link('#/companies', 'Companies', 'companies') : null,
    session.operator ? link('#/marketplace-apps', 'Marketplace apps', 'marketplace') : null,
    companyId ? link(`#/c/${companyId}/accounts`, 'Service Accounts', 'accounts') : null,
    companyId ? link(`#/c/${companyId}/directory`, 'Directory', 'directory') : null].filter(Boolean));
  document.title = `${name ? `${name} · ` : ''}Admin · Service Accounts`;
}

/** Shows a page, unless the admin has gone elsewhere meanwhile (a slower read must not cover a newer page). */
function page(route, heading, ...content) {
  if (route !== location.hash) {
    return;
  }
  main.classList.remove('signin');
  const title = h('h1', {tabindex: '-1', id: 'page-title'}, heading);
  main.replaceChildren(title, ...content.filter(part => part !== null && part !== undefined && part !== false));
  title.focus();
}

function crumbs(...items) {
  return h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'},
    h('ol', null, items.map(item => h('li', null, item))));
}

async function render() {
  if (!current()) {
    renderSignIn();
    return;
  }
  const path = location.hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === 'c' && parts[1] && parts[2] === 'accounts' && parts[3]) {
      await renderAccount(parts[1], parts[3]);
    } else if (parts[0] === 'c' && parts[1] && parts[2] === 'directory') {
      await renderDirectory(parts[1]);
    } else if (parts[0] === 'c' && parts[1]) {
      await renderAccounts(parts[1]);
    } else if (parts[0] === 'marketplace-apps' && current().operator) {
      await renderMarketplaceApps();
    } else if (current().operator) {
      await renderCompanies();
    } else {
      go(`#/c/${current().companyId}/accounts`);
    }
  } catch (e) {
    if (current()) {
      page(location.hash, 'Something went wrong', h('p', {class: 'form-error', role: 'alert'}, e.message));
    }
  }
}

// ---- sign in ----

function renderSignIn() {
  document.getElementById('top').hidden = true;
  document.title = 'Sign in · Admin · Service Accounts';
  const clientId = h('input', {name: 'clientId', id: 'signin-client-id', autocomplete: 'off', required: true,
    spellcheck: 'false'});
  const secret = h('input', {name: 'clientSecret', id: 'signin-client-secret', type: 'password',
    autocomplete: 'off', required: true});
  const form = h('form', {class: 'card narrow', id: 'signin-form', novalidate: true},
    signInMessage ? h('p', {class: 'notice', role: 'alert', id: 'signin-message'}, signInMessage) : null,
    h('p', null, 'Sign in with the client ID and client secret of a company admin service account, or with the ',
      "operator's (printed in the banner of the first start)."),
    field('Client ID', clientId, {name: 'client_id'}),
    field('Client secret', secret, {name: 'client_secret'}),
    formError(),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary', id: 'signin-submit'}, 'Sign in')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const errors = {};
    if (!clientId.value.trim()) {
      errors.client_id = 'Enter the client ID.';
    }
    if (!secret.value) {
      errors.client_secret = 'Enter the client secret.';
    }
    if (Object.keys(errors).length) {
      showError(form, new ApiError(400, {errors}));
      return;
    }
    try {
      await signIn(clientId.value.trim(), secret.value);
      secret.value = '';
      signInMessage = '';
      render();
    } catch (e) {
      secret.value = '';
      showError(form, e);
      secret.focus();
    }
  });
  main.classList.add('signin');
  main.replaceChildren(h('h1', {tabindex: '-1', id: 'page-title'}, h('span', {class: 'logo', 'aria-hidden': 'true'}, 'SA'),
    ' Service Accounts Admin'), form);
  clientId.focus();
}

// ---- companies (the operator's picker) ----

async function renderCompanies(cursor) {
  const route = location.hash;
  await frame(null, 'companies');
  const companies = await read(`/api/v1/companies${query({limit: PAGE_SIZE, cursor})}`);
  companies.items.forEach(company => companyNames.set(company.companyId, company.name));
  const name = h('input', {name: 'name', id: 'company-name-input', required: true});
  const form = h('form', {class: 'inline-form', id: 'new-company-form', novalidate: true},
    field('New company name', name, {name: 'name'}),
    h('button', {type: 'submit', class: 'primary'}, 'Create company'), formError());
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const company = await command('POST', '/api/v1/companies', {name: name.value});
      companyNames.set(company.companyId, company.name);
      // the query side knows the company a moment after the command: its pages answer 404 until then
      await eventually(() => read(`/api/v1/companies/${seg(company.companyId)}`), Boolean);
      announce(`Company ${company.name} created.`);
      go(`#/c/${company.companyId}/accounts`);
    } catch (e) {
      showError(form, e);
    }
  });
  const rows = companies.items.map(company => h('tr', null,
    h('td', null, h('a', {href: `#/c/${company.companyId}/accounts`}, company.name)),
    h('td', null, h('code', null, company.companyId)), h('td', null, when(company.createdAt))));
  page(route, 'Companies',
    h('p', null, 'Pick a company to open its Admin tool.'),
    rows.length ? h('table', {class: 'grid', id: 'companies-table'},
      h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Company'), h('th', {scope: 'col'}, 'ID'),
        h('th', {scope: 'col'}, 'Created'))),
      h('tbody', null, rows)) : h('p', {class: 'empty'}, 'No company yet: create the first one below.'),
    pager(cursor, companies.nextCursor, next => renderCompanies(next)),
    h('section', {class: 'card'}, h('h2', null, 'New company'), form));
}

function pager(cursor, nextCursor, show) {
  if (!cursor && !nextCursor) {
    return null;
  }
  return h('div', {class: 'pager'},
    cursor ? h('button', {type: 'button', onclick: () => show(undefined)}, 'First page') : null,
    nextCursor ? h('button', {type: 'button', id: 'next-page', onclick: () => show(nextCursor)}, 'Next page') : null);
}

// ---- marketplace apps (the operator registers them; admins choose one for a Marketplace account) ----

async function renderMarketplaceApps() {
  const route = location.hash;
  await frame(null, 'marketplace');
  marketplaceApps = null;
  const apps = await loadMarketplaceApps();
  const id = h('input', {name: 'id', id: 'app-id', required: true, spellcheck: 'false'});
  const name = h('input', {name: 'name', id: 'app-name', required: true});
  const form = h('form', {class: 'inline-form', id: 'new-app-form', novalidate: true},
    field('App ID', id, {name: 'id'}), field('Name', name, {name: 'name'}),
    h('button', {type: 'submit', class: 'primary'}, 'Register app'), formError());
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const app = await command('POST', '/api/v1/marketplace-apps', {id: id.value, name: name.value});
      announce(`${app.name} registered.`);
      await eventually(() => read(`/api/v1/marketplace-apps/${seg(app.id)}`), Boolean);
      await renderMarketplaceApps();
    } catch (e) {
      showError(form, e);
    }
  });
  page(route, 'Marketplace apps',
    h('p', null, 'The apps a Marketplace service account may name. Every company\'s admins choose from this list.'),
    apps.length ? h('table', {class: 'grid', id: 'apps-table'},
      h('thead', null, h('tr', null, ['Name', 'App ID', 'Registered'].map(text => h('th', {scope: 'col'}, text)))),
      h('tbody', null, apps.map(app => h('tr', null, h('td', null, app.name), h('td', null, h('code', null, app.id)),
        h('td', null, when(app.registeredAt))))))
      : h('p', {class: 'empty'}, 'No marketplace app is registered yet.'),
    h('section', {class: 'card'}, h('h2', null, 'Register an app'), form));
}

// ---- service accounts list ----

const listFilters = {status: '', appType: '', usable: '', namePrefix: ''};
let listFiltersCompany = null;

async function loadMarketplaceApps() {
  if (marketplaceApps === null) {
    try {
      marketplaceApps = (await read('/api/v1/marketplace-apps?limit=200')).items || [];
    } catch (e) {
      if (e.status === 401) {
        throw e;
      }
      return [];
    }
  }
  return marketplaceApps;
}

function appTypeText(account) {
  if (account.appType !== 'MARKETPLACE') {
    return APP_TYPES[account.appType] || account.appType;
  }
  const app = (marketplaceApps || []).find(candidate => candidate.id === account.marketplaceAppId);
  return `Marketplace: ${app ? app.name : account.marketplaceAppId || '?'}`;
}

function yesNo(value, reasons) {
  return value ? h('span', {class: 'yes'}, 'Yes')
    : h('span', {class: 'no'}, 'No', reasons.length ? h('span', {class: 'reasons'}, ` — ${reasonText(reasons)}`) : null);
}

async function renderAccounts(companyId, cursor) {
  const route = location.hash;
  if (listFiltersCompany !== companyId) {
    Object.keys(listFilters).forEach(name => {
      listFilters[name] = '';
    });
    listFiltersCompany = companyId;
  }
  await frame(companyId, 'accounts');
  await loadMarketplaceApps();
  const accounts = await read(`/api/v1/companies/${seg(companyId)}/service-accounts${query({...listFilters,
    limit: PAGE_SIZE, cursor})}`);
  const select = (label, name, options) => field(label, h('select', {name, id: `filter-${name}`},
    Object.entries(options).map(([value, text]) => h('option', {value, selected: listFilters[name] === value}, text))),
  {name});
  const prefix = h('input', {name: 'namePrefix', id: 'filter-namePrefix', value: listFilters.namePrefix});
  const filters = h('form', {class: 'filters', id: 'filters', novalidate: true},
    field('Name starts with', prefix, {name: 'namePrefix'}),
    select('Status', 'status', {'': 'Any', ACTIVE: 'Active', DEACTIVATED: 'Deactivated'}),
    select('App Type', 'appType', {'': 'Any', CUSTOM: 'Custom', MARKETPLACE: 'Marketplace'}),
    select('Usable', 'usable', {'': 'Any', true: 'Usable', false: 'Not usable'}),
    h('button', {type: 'submit'}, 'Apply filters'), formError());
  filters.addEventListener('submit', event => {
    event.preventDefault();
    Object.keys(listFilters).forEach(name => {
      listFilters[name] = filters.elements[name].value;
    });
    renderAccounts(companyId).catch(e => showError(filters, e));
  });
  const rows = accounts.items.map(account => h('tr', {'data-account-id': account.id},
    h('td', null, h('a', {href: `#/c/${companyId}/accounts/${account.id}`}, account.name)),
    h('td', null, appTypeText(account)),
    h('td', null, STATUS_NAMES[account.status] || account.status),
    h('td', {class: 'functional'}, yesNo(account.functional, functionalReasons(account))),
    h('td', {class: 'usable'}, yesNo(account.usable, account.functional ? account.reasons : [])),
    h('td', {class: 'permissions'}, Object.entries(account.permissions || {})
      .map(([tool, level]) => `${toolName(tool)}: ${LEVEL_NAMES[level]}`).join(', ') || '—'),
    h('td', null, when(lastUsed(account)))));
  const newButton = h('button', {type: 'button', class: 'primary', id: 'new-account'}, '+ New');
  newButton.addEventListener('click', () => newAccountDialog(companyId));
  page(route, 'Service Accounts',
    crumbs('Company Admin', 'Company Settings', 'Service Accounts'),
    h('div', {class: 'toolbar'}, h('p', null, 'Machine identities of this company\'s integrations. Each gets a ',
      'client ID and a client secret, and the permissions you give it.'), newButton),
    filters,
    rows.length ? h('table', {class: 'grid', id: 'accounts-table'},
      h('thead', null, h('tr', null, ['Name', 'App Type', 'Status', 'Functional', 'Usable', 'Permissions',
        'Last used'].map(text => h('th', {scope: 'col'}, text)))),
      h('tbody', null, rows))
      : h('p', {class: 'empty', id: 'accounts-empty'}, cursor || Object.values(listFilters).some(Boolean)
        ? 'No service account matches.' : 'No service account yet. Create one with + New.'),
    pager(cursor, accounts.nextCursor, next => renderAccounts(companyId, next)));
}

async function newAccountDialog(companyId) {
  const apps = await loadMarketplaceApps();
  const radio = (value, text) => {
    const input = h('input', {type: 'radio', name: 'appType', value, id: `app-type-${value.toLowerCase()}`,
      checked: value === 'CUSTOM'});
    return h('label', {class: 'radio', for: input.id}, input, ` ${text}`);
  };
  const app = h('select', {name: 'marketplaceAppId', id: 'marketplace-app'},
    h('option', {value: ''}, apps.length ? 'Choose an app…' : 'No marketplace app is registered'),
    apps.map(candidate => h('option', {value: candidate.id}, candidate.name)));
  const appField = field('Marketplace app', app, {name: 'marketplaceAppId',
    hint: apps.length ? null : 'The operator registers marketplace apps; meanwhile choose Custom.'});
  appField.hidden = true;
  const name = h('input', {name: 'name', id: 'new-account-name', required: true, maxlength: 255});
  const appTypeError = h('p', {class: 'field-error', id: 'app-type-error', 'data-error-for': 'appType'});
  const form = h('form', {id: 'new-account-form', method: 'dialog', novalidate: true},
    h('fieldset', {'aria-describedby': appTypeError.id}, h('legend', null, 'App Type'),
      radio('CUSTOM', 'Custom'), radio('MARKETPLACE', 'Marketplace'), appTypeError),
    appField,
    field('Name', name, {name: 'name', hint: 'How admins recognise it, e.g. "ERP sync".'}),
    formError(),
    h('div', {class: 'actions'},
      h('button', {type: 'button', id: 'new-account-cancel'}, 'Cancel'),
      h('button', {type: 'submit', class: 'primary', id: 'new-account-create'}, 'Create')));
  const box = dialog('New service account', form);
  box.id = 'new-account-dialog';
  form.addEventListener('change', event => {
    appField.hidden = form.elements.appType.value !== 'MARKETPLACE';
    if (event.target === app && app.value) {
      clearErrors(form);
    }
  });
  form.querySelector('#new-account-cancel').addEventListener('click', () => box.close());
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const appType = form.elements.appType.value;
    const body = {name: name.value, appType};
    if (appType === 'MARKETPLACE') {
      if (!app.value) {
        showError(form, new ApiError(400, {errors: {marketplaceAppId: 'Choose the marketplace app.'}}));
        return;
      }
      body.marketplaceAppId = app.value;
    }
    try {
      const created = await command('POST', `/api/v1/companies/${seg(companyId)}/service-accounts`, body);
      box.close();
      await showSecret({title: 'Service account created', clientId: created.clientId,
        clientSecret: created.clientSecret,
        note: `${created.name || name.value}: give these credentials to the integration. Next, give the account its permissions.`});
      go(`#/c/${companyId}/accounts/${created.id}`);
    } catch (e) {
      showError(form, e);
    }
  });
  box.showModal();
  form.querySelector('#app-type-custom').focus();
}

// ---- one account ----

async function renderAccount(companyId, accountId) {
  const route = location.hash;
  await frame(companyId, 'accounts');
  await loadMarketplaceApps();
  const base = `/api/v1/companies/${seg(companyId)}/service-accounts/${seg(accountId)}`;
  const account = await eventually(() => read(base), Boolean);
  if (!account) {
    throw new ApiError(404, {detail: 'This service account does not exist (or not yet: reload in a moment).'});
  }
  const refresh = () => renderAccount(companyId, accountId);
  const deleted = account.status === 'DELETED';
  page(route, account.name,
    crumbs('Company Admin', 'Company Settings', h('a', {href: `#/c/${companyId}/accounts`}, 'Service Accounts'),
      account.name),
    deleted ? null : banner(companyId, account, refresh),
    summary(account),
    deleted ? null : permissionsSection(companyId, base, account, refresh),
    deleted ? null : projectsSection(base, account, refresh),
    deleted ? null : actionsSection(companyId, base, account, refresh),
    historySection(base),
    asOfSection(base));
}

function summary(account) {
  const row = (term, value) => [h('dt', null, term), h('dd', null, value)];
  return h('section', {class: 'card', 'aria-labelledby': 'summary-title'},
    h('h2', {id: 'summary-title'}, 'Account'),
    h('dl', {class: 'facts'},
      row('App Type', appTypeText(account)),
      row('client_id', h('code', {id: 'account-client-id'}, account.clientId)),
      row('Status', h('span', {id: 'account-status'}, STATUS_NAMES[account.status] || account.status)),
      row('Functional', h('span', {id: 'account-functional'}, yesNo(account.functional, functionalReasons(account)))),
      row('Usable', h('span', {id: 'account-usable'}, yesNo(account.usable, account.functional ? account.reasons : []))),
      row('Directory contact', account.contact ? account.contact.email : '—'),
      row('Secrets', (account.secrets || []).length ? h('ul', {class: 'plain'}, account.secrets.map(secret =>
        h('li', null, 'ID ', h('code', null, secret.secretId), ` (not the secret), created ${when(secret.createdAt)}`,
          secret.expiresAt ? `, ends ${when(secret.expiresAt)}` : '',
          `, last used ${when(secret.lastUsedAt)}`))) : 'none'),
      row('Created', when(account.createdAt)),
      row('Last change', when(account.updatedAt))));
}

/** The banner of an account that does not work, with its reasons and the undo of each. */
function banner(companyId, account, refresh) {
  const reasons = functionalReasons(account);
  if (account.functional || !reasons.length) {
    return null;
  }
  const contact = account.contact || {};
  const undo = [];
  if (reasons.includes('EMAIL_CHANGED')) {
    undo.push(h('button', {type: 'button', id: 'undo-email', onclick: async event => act(event.target, async () => {
      await command('PATCH', `/api/v1/companies/${seg(companyId)}/directory/contacts/${seg(contact.id)}`,
        {email: contact.generatedEmail});
    }, 'The generated email is back.', refresh)}, `Restore the generated email (${contact.generatedEmail})`));
  }
  if (reasons.includes('IN_FOREIGN_DIRECTORY')) {
    (contact.companyIds || []).filter(other => other !== companyId).forEach(other => {
      undo.push(h('button', {type: 'button', class: 'undo-directory', onclick: async event => act(event.target,
        async () => {
          await command('DELETE', `/api/v1/companies/${seg(other)}/directory/contacts/${seg(contact.id)}`);
        }, "The contact left the other company's directory.", refresh)},
      `Remove the contact from the directory of ${companyNames.get(other) || other}`));
    });
  }
  if (reasons.includes('DEACTIVATED')) {
    undo.push(h('button', {type: 'button', id: 'undo-deactivate', onclick: async event => act(event.target,
      () => command('POST', `/api/v1/companies/${seg(companyId)}/service-accounts/${seg(account.id)}:reactivate`),
      'Reactivated.', refresh)}, 'Reactivate'));
  }
  return h('div', {class: 'banner', role: 'alert', id: 'not-functional-banner'},
    h('strong', null, 'This account does not work: '), `${reasonText(reasons)}. `,
    'Its client secret gets no token until this is undone.',
    undo.length ? h('div', {class: 'actions'}, undo) : null);
}

/** Runs a command from a button: disables it meanwhile, shows the refusal beside it, then refreshes. */
async function act(button, run, success, refresh) {
  const slot = button.parentElement.querySelector('.action-error')
    || button.parentElement.appendChild(h('p', {class: 'action-error form-error', role: 'alert'}));
  slot.textContent = '';
  button.disabled = true;
  try {
    await run();
    announce(success);
    await sleep(150);
    await refresh();
  } catch (e) {
    slot.textContent = e.message;
    button.disabled = false;
  }
}

function permissionsSection(companyId, base, account, refresh) {
  const status = h('p', {class: 'form-error', role: 'alert', id: 'permissions-error'});
  const rows = TOOLS.map(tool => {
    const held = (account.permissions || {})[tool] || 'NONE';
    // arrow keys move a radio group's choice one level at a time: only the level it settles on is sent, so walking
    // from None to Admin does not grant Read Only and Standard on the way
    let settling;
    return h('tr', null, h('th', {scope: 'row', id: `tool-${tool}`}, toolName(tool)),
      LEVELS.map(level => {
        const input = h('input', {type: 'radio', name: `perm-${tool}`, value: level, id: `perm-${tool}-${level}`,
          checked: held === level, 'aria-labelledby': `tool-${tool} level-${level}`});
        input.addEventListener('change', () => {
          clearTimeout(settling);
          settling = setTimeout(grant, SETTLE_MS);
        });
        const grant = async () => {
          status.textContent = '';
          try {
            await command('PUT', `${base}/permissions/company/${tool}`, {level});
            announce(`${toolName(tool)}: ${LEVEL_NAMES[level]}.`);
            await eventually(() => read(base), view => ((view.permissions || {})[tool] || 'NONE') === level);
            await refresh();
            document.getElementById(`perm-${tool}-${level}`)?.focus();
          } catch (e) {
            status.textContent = `${toolName(tool)}: ${e.message}`;
            document.getElementById(`perm-${tool}-${held}`).checked = true;
          }
        };
        return h('td', null, input);
      }));
  });
  return h('section', {class: 'card', 'aria-labelledby': 'permissions-title'},
    h('h2', {id: 'permissions-title'}, 'Company permissions'),
    h('p', null, 'Each change is saved at once. A new account holds None everywhere; Admin on the Directory tool ',
      'counts as Admin on every tool.'),
    status,
    h('table', {class: 'grid matrix', id: 'permissions-matrix'},
      h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Company tool'),
        LEVELS.map(level => h('th', {scope: 'col', id: `level-${level}`}, LEVEL_NAMES[level])))),
      h('tbody', null, rows)));
}

function projectsSection(base, account, refresh) {
  const memberships = Object.entries(account.projects || {});
  const projectId = h('input', {name: 'projectId', id: 'project-id', required: true});
  const selects = PROJECT_TOOLS.map(tool => field(toolName(tool), h('select', {name: tool, id: `project-tool-${tool}`},
    LEVELS.map(level => h('option', {value: level}, LEVEL_NAMES[level]))), {name: `permissions.${tool}`}));
  const form = h('form', {id: 'project-form', novalidate: true},
    field('Project ID', projectId, {name: 'projectId'}), h('div', {class: 'tool-grid'}, selects), formError(),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Save project membership')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    if (!projectId.value.trim()) {
      showError(form, new ApiError(400, {errors: {projectId: 'Enter the project ID.'}}));
      return;
    }
    const permissions = {};
    PROJECT_TOOLS.forEach(tool => {
      if (form.elements[tool].value !== 'NONE') {
        permissions[tool] = form.elements[tool].value;
      }
    });
    try {
      await command('PUT', `${base}/projects/${seg(projectId.value.trim())}`, {permissions});
      announce('Project membership saved.');
      await sleep(300);
      await refresh();
    } catch (e) {
      showError(form, e);
    }
  });
  return h('section', {class: 'card', 'aria-labelledby': 'projects-title'},
    h('h2', {id: 'projects-title'}, 'Project memberships'),
    memberships.length ? h('table', {class: 'grid', id: 'projects-table'},
      h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Project'), h('th', {scope: 'col'}, 'Tools'),
        h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Actions')))),
      h('tbody', null, memberships.map(([project, tools]) => h('tr', null, h('td', null, project),
        h('td', null, Object.entries(tools).map(([tool, level]) => `${toolName(tool)}: ${LEVEL_NAMES[level]}`)
          .join(', ')),
        h('td', null, h('button', {type: 'button', onclick: event => act(event.target,
          () => command('DELETE', `${base}/projects/${seg(project)}`), 'Membership removed.', refresh)},
        `Remove from ${project}`)))))) : h('p', {class: 'empty'}, 'Not a member of any project.'),
    h('h3', null, 'Add or change a membership'), form);
}

function actionsSection(companyId, base, account, refresh) {
  const active = account.status === 'ACTIVE';
  const reset = h('button', {type: 'button', id: 'reset-secret'}, 'Reset secret');
  reset.addEventListener('click', async () => {
    if (!await confirm({title: 'Reset the client secret?', action: 'Reset secret', danger: true,
      message: 'A new client secret is made; every current secret and every token issued with them stop at once.',
      warning: 'A reset also removes ALL permissions and project memberships of this account: you give them again afterwards.'})) {
      return;
    }
    await act(reset, async () => {
      const answer = await command('POST', `${base}/secret:reset`);
      await showSecret({title: 'New client secret', clientId: account.clientId, clientSecret: answer.clientSecret,
        note: 'The old secrets no longer work, and the permissions were removed.'});
    }, 'Secret reset.', refresh);
  });
  const grace = h('input', {type: 'number', min: 0, max: 720, step: 1, value: 24, name: 'graceHours',
    id: 'rotate-grace'});
  const rotateForm = h('form', {class: 'inline-form', id: 'rotate-form', novalidate: true},
    field('Old secret keeps working for (hours)', grace, {name: 'graceSeconds'}),
    h('button', {type: 'submit', id: 'rotate-secret'}, 'Rotate secret'), formError());
  rotateForm.addEventListener('submit', async event => {
    event.preventDefault();
    const hours = Number(grace.value);
    if (!Number.isFinite(hours) || hours < 0 || hours > 720) {
      showError(rotateForm, new ApiError(400, {errors: {graceSeconds: 'Between 0 and 720 hours (30 days).'}}));
      return;
    }
    if (!await confirm({title: 'Rotate the client secret?', action: 'Rotate secret',
      message: `A new client secret is made. The current one keeps working for ${hours} hours, so the integration `
        + 'can switch without a gap. Permissions are kept.'})) {
      return;
    }
    try {
      const answer = await command('POST', `${base}/secret:rotate`, {graceSeconds: Math.round(hours * 3600)});
      await showSecret({title: 'New client secret', clientId: account.clientId, clientSecret: answer.clientSecret,
        note: `The previous secret works until ${when(answer.previousSecretExpiresAt)}.`});
      await refresh();
    } catch (e) {
      showError(rotateForm, e);
    }
  });
  const lifecycle = active
    ? h('button', {type: 'button', id: 'deactivate'}, 'Deactivate')
    : h('button', {type: 'button', id: 'reactivate'}, 'Reactivate');
  lifecycle.addEventListener('click', async () => {
    const verb = active ? 'deactivate' : 'reactivate';
    if (!await confirm({title: active ? 'Deactivate this account?' : 'Reactivate this account?',
      action: active ? 'Deactivate' : 'Reactivate', danger: active,
      message: active ? 'Its secrets get no token and its tokens stop at once. You can reactivate it later.'
        : 'Its secrets get tokens again. Tokens issued before the deactivation stay refused.'})) {
      return;
    }
    await act(lifecycle, () => command('POST', `${base}:${verb}`), active ? 'Deactivated.' : 'Reactivated.', refresh);
  });
  const remove = h('button', {type: 'button', class: 'danger', id: 'delete-account'}, 'Delete');
  remove.addEventListener('click', async () => {
    if (!await confirm({title: 'Delete this account for good?', action: 'Delete for good', danger: true,
      message: 'It stops at once and cannot be restored; its client_id is never used again. Its history stays.'})) {
      return;
    }
    await act(remove, () => command('DELETE', base), 'Deleted.', async () => go(`#/c/${companyId}/accounts`));
  });
  return h('section', {class: 'card', 'aria-labelledby': 'credentials-title'},
    h('h2', {id: 'credentials-title'}, 'Credentials and status'),
    h('div', {class: 'actions left'}, reset, lifecycle, remove),
    rotateForm);
}

function historySection(base) {
  const body = h('tbody');
  const more = h('button', {type: 'button', id: 'history-more', hidden: true}, 'Older entries');
  const error = h('p', {class: 'form-error', role: 'alert'});
  let cursor;
  const load = async () => {
    try {
      const history = await read(`${base}/history${query({limit: 10, cursor})}`);
      history.items.forEach(entry => body.append(h('tr', null, h('td', null, when(entry.time)),
        h('td', null, entry.actor), h('td', null, entry.type.replace(/Event$/, '').replace(/([a-z])([A-Z])/g, '$1 $2')),
        h('td', {class: 'payload'}, describePayload(entry.payload)))));
      cursor = history.nextCursor;
      more.hidden = !cursor;
    } catch (e) {
      error.textContent = e.message;
    }
  };
  more.addEventListener('click', load);
  load();
  return h('section', {class: 'card', 'aria-labelledby': 'history-title'},
    h('h2', {id: 'history-title'}, 'History'), error,
    h('table', {class: 'grid', id: 'history-table'}, h('thead', null, h('tr', null,
      ['When', 'Who', 'What', 'Details'].map(text => h('th', {scope: 'col'}, text)))), body), more);
}

function describePayload(payload) {
  if (!payload) {
    return '';
  }
  const parts = [];
  if (payload.tool) {
    parts.push(`${toolName(payload.tool)}: ${LEVEL_NAMES[payload.previousLevel] || payload.previousLevel || '?'} → `
      + `${LEVEL_NAMES[payload.level] || payload.level}`);
  }
  if (payload.projectId) {
    parts.push(`project ${payload.projectId}`);
  }
  if (payload.name) {
    parts.push(`name ${payload.name}`);
  }
  if (payload.email) {
    parts.push(`email ${payload.email}`);
  }
  return parts.join('; ');
}

function asOfSection(base) {
  const instant = h('input', {type: 'datetime-local', name: 'asOf', id: 'as-of', step: 1, required: true});
  const result = h('div', {id: 'as-of-result'});
  const form = h('form', {class: 'inline-form', id: 'as-of-form', novalidate: true},
    field('Date and time (your time zone)', instant, {name: 'asOf'}),
    h('button', {type: 'submit'}, 'Show the state then'), formError());
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    result.replaceChildren();
    const date = new Date(instant.value);
    if (!instant.value || Number.isNaN(date.getTime())) {
      showError(form, new ApiError(400, {errors: {asOf: 'Enter a date and a time.'}}));
      return;
    }
    try {
      const then = await read(`${base}${query({asOf: date.toISOString()})}`);
      const changes = Object.entries((then.permissionChanges || {}).company || {});
      result.replaceChildren(h('dl', {class: 'facts'},
        h('dt', null, 'Status'), h('dd', null, STATUS_NAMES[then.status] || then.status),
        h('dt', null, 'Functional'), h('dd', null, yesNo(then.functional, functionalReasons(then))),
        h('dt', null, 'Usable'), h('dd', null, yesNo(then.usable, then.functional ? then.reasons : [])),
        h('dt', null, 'Permissions'), h('dd', null, changes.length ? h('ul', {class: 'plain'}, changes.map(
          ([tool, change]) => h('li', null, `${toolName(tool)}: ${LEVEL_NAMES[change.level]} (by ${change.changedBy}, `
            + `${when(change.changedAt)})`))) : 'None')));
    } catch (e) {
      if (e.status === 404) {
        showError(form, new ApiError(400, {errors: {asOf: 'The account did not exist yet at that time.'}}));
      } else {
        showError(form, e);
      }
    }
  });
  return h('section', {class: 'card', 'aria-labelledby': 'as-of-title'},
    h('h2', {id: 'as-of-title'}, 'State at a date'),
    h('p', null, 'What the account could do at a past moment, and who had given it each permission.'), form, result);
}

// ---- directory ----

async function renderDirectory(companyId) {
  const route = location.hash;
  await frame(companyId, 'directory');
  const directory = await read(`/api/v1/companies/${seg(companyId)}/directory/contacts`);
  const refresh = () => renderDirectory(companyId);
  const rows = directory.items.map(contact => h('tr', {'data-contact-id': contact.id},
    h('td', null, contact.name),
    h('td', null, contact.kind === 'SERVICE_ACCOUNT' ? 'Service account' : 'Person'),
    h('td', {class: 'email'}, contact.email),
    h('td', null, contact.status === 'INACTIVE' ? 'Inactive' : 'Active'),
    h('td', null, String((contact.companyIds || []).length)),
    h('td', null, contactActions(companyId, contact, refresh))));
  page(route, 'Directory',
    crumbs('Company Admin', 'Directory'),
    h('p', null, "People and the service accounts' contacts of this company. A service account's contact must keep ",
      "its generated email and stay in this company's directory only: changing either stops the account."),
    rows.length ? h('table', {class: 'grid', id: 'directory-table'},
      h('thead', null, h('tr', null, ['Name', 'Kind', 'Email', 'Status', 'Directories', 'Actions']
        .map(text => h('th', {scope: 'col'}, text)))), h('tbody', null, rows))
      : h('p', {class: 'empty'}, 'The directory is empty.'),
    newPersonForm(companyId, refresh));
}

function contactActions(companyId, contact, refresh) {
  const email = h('input', {type: 'email', name: 'email', id: newId('contact-email'), value: contact.email});
  const emailForm = acknowledgedForm({
    id: `email-form-${contact.id}`,
    fields: [field(`New email for ${contact.name}`, email, {name: 'email'})],
    submit: 'Change email',
    send: acknowledge => command('PATCH', `/api/v1/companies/${seg(companyId)}/directory/contacts/${seg(contact.id)}`,
      {email: email.value, ...(acknowledge ? {acknowledgeBreaksServiceAccount: true} : {})}),
    success: 'Email changed.', refresh,
  });
  const parts = [h('details', null, h('summary', null, 'Change email'), emailForm)];
  if (current().operator) {
    const others = [...companyNames.entries()].filter(([id]) => id !== companyId && !(contact.companyIds || []).includes(id));
    if (others.length) {
      const target = h('select', {name: 'companyId', id: newId('contact-target')},
        others.map(([id, name]) => h('option', {value: id}, name)));
      parts.push(h('details', null, h('summary', null, "Add to another company's directory"), acknowledgedForm({
        id: `add-form-${contact.id}`,
        fields: [field('Company', target, {name: 'contactId'})],
        submit: 'Add to that directory',
        send: acknowledge => command('POST', `/api/v1/companies/${seg(target.value)}/directory/contacts`,
          {contactId: contact.id, ...(acknowledge ? {acknowledgeBreaksServiceAccount: true} : {})}),
        success: 'Added to the other directory.', refresh,
      })));
    }
  }
  if (contact.kind === 'PERSON') {
    const inactive = contact.status === 'INACTIVE';
    parts.push(h('button', {type: 'button', onclick: event => act(event.target, () => command('POST',
      `/api/v1/companies/${seg(companyId)}/directory/people/${seg(contact.id)}:${inactive ? 'reactivate' : 'deactivate'}`),
    inactive ? 'Reactivated.' : 'Deactivated.', refresh)}, inactive ? `Reactivate ${contact.name}` : `Deactivate ${contact.name}`));
  }
  return h('div', {class: 'contact-actions'}, parts);
}

/**
 * A form whose command may be refused with a 409 that explains the directory rule: the explanation is shown, with
 * the checkbox that sends the change again, acknowledged.
 */
function acknowledgedForm({id, fields, submit, send, success, refresh}) {
  const explanation = h('div', {class: 'conflict', role: 'alert', hidden: true});
  const checkbox = h('input', {type: 'checkbox', name: 'acknowledge', id: `${id}-acknowledge`});
  const acknowledgement = h('div', {class: 'field checkbox', hidden: true},
    checkbox, h('label', {for: checkbox.id}, 'I understand this breaks the account'));
  const form = h('form', {id, class: 'acknowledged-form', novalidate: true},
    fields, explanation, acknowledgement, formError(), h('button', {type: 'submit'}, submit));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const acknowledged = !acknowledgement.hidden && checkbox.checked;
    if (!acknowledgement.hidden && !checkbox.checked) {
      form.querySelector('.form-error').textContent = 'Tick the box to confirm, or change your input.';
      checkbox.focus();
      return;
    }
    try {
      await send(acknowledged);
      announce(success);
      await sleep(300);
      await refresh();
    } catch (e) {
      if (e.status === 409 && ['service-account-email-fixed', 'service-account-single-directory']
        .includes(e.problemType)) {
        explanation.replaceChildren(h('strong', null, 'This change would stop a service account from working'),
          h('p', null, e.message));
        explanation.hidden = false;
        acknowledgement.hidden = false;
        checkbox.focus();
      } else {
        showError(form, e);
      }
    }
  });
  return form;
}

function newPersonForm(companyId, refresh) {
  const name = h('input', {name: 'name', id: 'person-name', required: true});
  const email = h('input', {name: 'email', id: 'person-email', type: 'email', required: true});
  const form = h('form', {class: 'inline-form', id: 'new-person-form', novalidate: true},
    field('Name', name, {name: 'name'}), field('Email', email, {name: 'email'}),
    h('button', {type: 'submit'}, 'Add person'), formError());
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await command('POST', `/api/v1/companies/${seg(companyId)}/directory/people`, {name: name.value, email: email.value});
      announce('Person added.');
      await sleep(300);
      await refresh();
    } catch (e) {
      showError(form, e);
    }
  });
  return h('section', {class: 'card', 'aria-labelledby': 'new-person-title'},
    h('h2', {id: 'new-person-title'}, 'Add a person'), form);
}

// ---- start ----

onExpired(message => {
  signInMessage = message;
  companyNames.clear();
  marketplaceApps = null;
  document.querySelectorAll('dialog').forEach(box => box.close());
  renderSignIn();
});

document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  signInMessage = 'You are signed out.';
  companyNames.clear();
  marketplaceApps = null;
  location.hash = '';
  renderSignIn();
});

window.addEventListener('hashchange', () => render());
loadConfig().finally(() => render());
