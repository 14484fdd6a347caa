// DOM helpers: every text goes in as a text node (never innerHTML), every field has its label and its error slot.

let ids = 0;

/** @return a new element; children are nodes or strings (text nodes), null and false are left out */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value === null || value === undefined || value === false) {
      return;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  });
  children.flat(Infinity).forEach(child => {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  });
  return element;
}

/** @return a fresh id for label/field pairs */
export function newId(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/**
 * A labelled field with its error slot right below it.
 * @param name the API's field name: errors.name of a 400 is shown here
 */
export function field(label, control, {name, hint} = {}) {
  if (!control.id) {
    control.id = newId('field');
  }
  const error = h('p', {class: 'field-error', id: `${control.id}-error`, 'data-error-for': name || control.name || ''});
  const describedBy = [error.id];
  let hintElement = null;
  if (hint) {
    hintElement = h('p', {class: 'hint', id: `${control.id}-hint`}, hint);
    describedBy.unshift(hintElement.id);
  }
  control.setAttribute('aria-describedby', describedBy.join(' '));
  return h('div', {class: 'field'}, h('label', {for: control.id}, label), control, hintElement, error);
}

/** Clears the errors of a form (field slots and the form's own). */
export function clearErrors(form) {
  form.querySelectorAll('.field-error, .form-error').forEach(slot => {
    slot.textContent = '';
  });
  form.querySelectorAll('[aria-invalid]').forEach(control => control.removeAttribute('aria-invalid'));
}

/**
 * Shows an API error: each field error next to its field, the problem's detail in the form's own slot.
 * @return the first element that shows an error
 */
export function showError(form, error) {
  clearErrors(form);
  let first = null;
  Object.entries(error.fieldErrors || {}).forEach(([name, message]) => {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    if (slot) {
      slot.textContent = message;
      const control = form.querySelector(`#${CSS.escape(slot.id.replace(/-error$/, ''))}`);
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        first = first || control;
      }
    }
  });
  const own = form.querySelector('.form-error');
  if (own && (!first || !Object.keys(error.fieldErrors || {}).length)) {
    own.textContent = error.message;
  } else if (own && first) {
    own.textContent = 'Correct the fields marked below.';
  }
  if (first) {
    first.focus();
  }
  return first || own;
}

/** @return the slot of a form's own error (role alert) */
export function formError() {
  return h('p', {class: 'form-error', role: 'alert'});
}

/** Announces a short message in the live region. */
export function announce(message) {
  const live = document.getElementById('live');
  live.textContent = '';
  live.textContent = message;
  clearTimeout(announce.timer);
  announce.timer = setTimeout(() => {
    live.textContent = '';
  }, 6000);
}

/** @return a modal dialog (the platform's: Escape closes it, focus stays inside), removed from the page when closed */
export function dialog(title, ...content) {
  const heading = h('h2', {id: newId('dialog-title')}, title);
  const element = h('dialog', {'aria-labelledby': heading.id}, heading, ...content);
  element.addEventListener('close', () => element.remove());
  document.body.append(element);
  return element;
}

/**
 * Asks the admin to confirm.
 * @return a promise of true when confirmed
 */
export function confirm({title, message, warning, action, danger}) {
  return new Promise(resolve => {
    let confirmed = false;
    const yes = h('button', {type: 'button', class: danger ? 'danger' : 'primary', id: 'confirm-yes'}, action);
    const no = h('button', {type: 'button', id: 'confirm-no'}, 'Cancel');
    const box = dialog(title, h('p', null, message), warning ? h('p', {class: 'warning'}, warning) : null,
      h('div', {class: 'actions'}, no, yes));
    yes.addEventListener('click', () => {
      confirmed = true;
      box.close();
    });
    no.addEventListener('click', () => box.close());
    box.addEventListener('close', () => resolve(confirmed));
    box.showModal();
    no.focus();
  });
}

/**
 * Shows a client secret once, with copy buttons and the warning. When the dialog closes it is removed from the page,
 * and nothing else ever held the secret.
 * @return a promise resolved once closed
 */
export function showSecret({title, clientId, clientSecret, note}) {
  return new Promise(resolve => {
    const row = (label, value, id) => {
      const code = h('code', {id, class: 'credential'}, value);
      const copy = h('button', {type: 'button', id: `${id}-copy`, 'aria-label': `Copy ${label}`}, 'Copy');
      copy.addEventListener('click', async () => {
        try {
          await navigator.clipboard.writeText(value);
          copy.textContent = 'Copied';
        } catch (e) {
          const range = document.createRange();
          range.selectNodeContents(code);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          copy.textContent = 'Selected: press Ctrl+C';
        }
      });
      return h('div', {class: 'credential-row'}, h('span', {class: 'credential-label'}, label), code, copy);
    };
    const done = h('button', {type: 'button', class: 'primary', id: 'secret-done'}, 'I have copied the secret');
    const box = dialog(title,
      note ? h('p', null, note) : null,
      row('client_id', clientId, 'secret-client-id'),
      row('client_secret', clientSecret, 'secret-client-secret'),
      h('p', {id: 'secret-token-endpoint'}, 'The integration gets its access tokens by posting ',
        h('code', null, 'grant_type=client_credentials'), ' with these credentials to ',
        h('code', null, `${location.origin}/oauth/token`), '.'),
      h('p', {class: 'warning', role: 'alert'},
        'Copy the client secret now and keep it safe: it will not be shown again. Only a hash of it is kept.'),
      h('div', {class: 'actions'}, done));
    box.id = 'secret-dialog';
    done.addEventListener('click', () => box.close());
    box.addEventListener('close', () => {
      getSelection().removeAllRanges();
      box.replaceChildren();
      resolve();
    });
    box.showModal();
    box.querySelector('#secret-client-id-copy').focus();
  });
}

/** @return a date and time for people, or an em dash */
export function when(instant) {
  if (!instant) {
    return '—';
  }
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? String(instant) : date.toLocaleString();
}
