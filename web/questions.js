// Renderers for the question types beyond text, textarea and radios, in GOV.UK
// Design System patterns: grouped inputs in a fieldset whose legend is the
// question, hint and error wired with aria-describedby, and the field id on
// the first input so the error summary's link lands there. Each renderer
// returns the form group; readValue() turns the inputs back into the one
// string per question the engine takes (docs/engine-view.md, "Answers").

const MONEY_PREFIX = '£';
// files.js: file questions' bytes, hashing and sealing; loaded with the first one drawn.
let files = null;
const filesModule = () => import('./files.js').then((loaded) => { files = loaded; return loaded; });
// Whether the bytes of a file answer are in this page's memory.
const keptFile = (value) => !!files?.kept(value.split('\n')[0]);

// The types this module draws; app.js draws text, textarea and radios itself.
export const RICH_TYPES = new Set([
  'checkboxes', 'select', 'yes_no', 'number', 'decimal', 'money', 'date', 'time', 'email', 'phone',
  'postcode', 'registration', 'address', 'file', 'content',
]);

// h, paragraphs, visuallyHidden and t (the app's words in the page's language)
// come from app.js, so both draw alike.
export function richQuestion(question, { id, asHeading, body, error, h, paragraphs, visuallyHidden, t, crypto }) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hint = question.hint ? h('div', { id: hintId, class: 'fd-hint' }, question.hint) : null;
  const errorMessage = error
    ? h('p', { id: errorId, class: 'fd-error-message' }, visuallyHidden(t('Error:')), ` ${error}`)
    : null;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(' ') || null;
  const group = h('div', {
    class: `fd-form-group${error ? ' fd-form-group--error' : ''}`,
    'data-question': question.id,
    hidden: question.shown === false,
  });
  const invalid = error ? 'true' : null;

  if (question.type === 'content') {
    group.append(h('p', { class: 'fd-body', id }, question.label));
    return group;
  }

  // A fieldset for questions with several inputs; a label for those with one.
  const fieldset = (...inputs) => {
    const legendText = asHeading
      ? h('h1', { class: 'fd-fieldset__heading', tabindex: '-1' }, question.label)
      : question.label;
    return h('fieldset', { class: 'fd-fieldset', 'aria-describedby': describedBy, role: 'group' },
      h('legend', { class: `fd-fieldset__legend fd-fieldset__legend--${asHeading ? 'l' : 'm'}` }, legendText),
      paragraphs(body), hint, errorMessage, ...inputs);
  };
  const labelled = (field, prefix = null) => {
    field.setAttribute('aria-describedby', describedBy ?? '');
    if (!describedBy) field.removeAttribute('aria-describedby');
    const label = h('label', { class: `fd-label${asHeading ? ' fd-label--l' : ''}`, for: id }, question.label);
    return [asHeading ? h('h1', { class: 'fd-label-wrapper', tabindex: '-1' }, label) : label,
      ...paragraphs(body), hint, errorMessage,
      prefix ? h('div', { class: 'fd-input__wrapper' }, h('div', { class: 'fd-input__prefix', 'aria-hidden': 'true' }, prefix), field) : field];
  };
  const textInput = (attributes) => h('input', {
    class: ['fd-input', attributes.width && `fd-input--width-${attributes.width}`, error && 'fd-input--error'].filter(Boolean).join(' '),
    type: 'text', 'aria-invalid': invalid, ...attributes, width: null,
  });

  switch (question.type) {
    case 'checkboxes':
    case 'yes_no': {
      const multiple = question.type === 'checkboxes';
      const options = multiple ? question.options ?? [] : [{ value: 'yes', label: t('Yes') }, { value: 'no', label: t('No') }];
      const chosen = new Set(multiple ? (question.value ?? '').split('\n') : [question.value]);
      const kind = multiple ? 'checkboxes' : 'radios';
      group.append(fieldset(h('div', { class: `fd-${kind}${multiple ? '' : ' fd-radios--inline'}` }, options.map((option, index) => {
        const optionId = index === 0 ? id : `${id}-${index + 1}`;
        return h('div', { class: `fd-${kind}__item` },
          h('input', {
            class: `fd-${kind}__input`, id: optionId, name: question.id, type: multiple ? 'checkbox' : 'radio',
            value: option.value, checked: chosen.has(option.value), 'aria-invalid': invalid,
          }),
          h('label', { class: `fd-label fd-${kind}__label`, for: optionId }, option.label));
      }))));
      return group;
    }
    case 'select': {
      const select = h('select', { class: `fd-select${error ? ' fd-select--error' : ''}`, id, name: question.id, 'aria-invalid': invalid },
        h('option', { value: '' }, t('Choose an option')),
        (question.options ?? []).map((option) => h('option', { value: option.value, selected: option.value === question.value }, option.label)));
      group.append(...labelled(select).filter(Boolean));
      return group;
    }
    case 'date': {
      const [day = '', month = '', year = ''] = (question.value ?? '').includes('/')
        ? question.value.split('/') : isoParts(question.value ?? '');
      const part = (name, label, value, width, first) => h('div', { class: 'fd-date-input__item' },
        h('label', { class: 'fd-label fd-date-input__label', for: first ? id : `${id}-${name}` }, t(label)),
        textInput({ id: first ? id : `${id}-${name}`, name: `${question.id}-${name}`, inputmode: 'numeric', width, value,
          autocomplete: question.autocomplete === 'bday' ? `bday-${name}` : null }));
      const parts = question.approximate ? [] : [part('day', 'Day', day, 2, true)];
      parts.push(part('month', 'Month', month, 2, !!question.approximate), part('year', 'Year', year, 4, false));
      group.append(fieldset(h('div', { class: 'fd-date-input' }, parts)));
      return group;
    }
    case 'address': {
      const [line1 = '', line2 = '', town = '', postcode = ''] = (question.value ?? '').split('\n');
      const line = (name, label, value, autocomplete, width, first) => h('div', { class: 'fd-form-group' },
        h('label', { class: 'fd-label', for: first ? id : `${id}-${name}` }, label),
        textInput({ id: first ? id : `${id}-${name}`, name: `${question.id}-${name}`, autocomplete, width, value }));
      group.append(fieldset(
        line('line1', t('Address line 1'), line1, 'address-line1', null, true),
        line('line2', t('Address line 2 (optional)'), line2, 'address-line2', null, false),
        line('town', t('Town or city'), town, 'address-level2', 20, false),
        line('postcode', t('Postcode'), postcode, 'postal-code', 10, false)));
      return group;
    }
    case 'file': {
      // A file chosen before is shown by its name; its bytes are only in
      // this page's memory (files.js), so after a reload it must be chosen again.
      const [hash, , name] = (question.value ?? '').split('\n');
      const chosenId = `${id}-chosen`;
      const field = h('input', {
        class: 'fd-file-upload', id, name: question.id, type: 'file',
        accept: question.accept, 'aria-invalid': invalid,
      });
      const parts = labelled(field).filter(Boolean);
      // (A hash of zeros is a file the engine refused: its error says why.)
      if (name && !/^0+$/.test(hash)) {
        field.setAttribute('aria-describedby', `${field.getAttribute('aria-describedby') ?? ''} ${chosenId}`.trim());
        parts.splice(parts.length - 1, 0, keptFile(question.value)
          ? h('p', { class: 'fd-body', id: chosenId }, t('You have chosen: '), h('strong', {}, name), t('. To send a different file, choose it here.'))
          : h('div', { class: 'fd-inset-text', id: chosenId }, h('p', { class: 'fd-body' }, t('You chose '), h('strong', {}, name),
            t(' before, but files are not saved on this device. Choose the file again to send it with your report.'))));
      }
      // What happens to a chosen file, read aloud: reading a large one takes a moment.
      const status = h('p', { class: 'fd-body fd-file-status', role: 'status' });
      const words = { reading: t('Reading the file…'), unreadable: t('The selected file could not be read. Choose it again.') };
      group.append(...parts, status);
      filesModule().then((loaded) => loaded.watch(field, question, crypto, (what) => { status.textContent = words[what] ?? ''; }))
        .catch((failure) => console.error(failure));
      return group;
    }
    default: {
      const attributes = {
        number: { inputmode: 'numeric', width: 10 }, decimal: { inputmode: 'decimal', width: 10 },
        money: { inputmode: 'decimal', width: 10 }, time: { width: 5 },
        email: { type: 'email', spellcheck: 'false' }, phone: { type: 'tel', width: 20 },
        postcode: { width: 10 }, registration: { width: 10, spellcheck: 'false' },
      }[question.type] ?? {};
      const field = textInput({ id, name: question.id, value: question.value ?? '', autocomplete: question.autocomplete, ...attributes });
      group.append(...labelled(field, question.type === 'money' ? MONEY_PREFIX : null).filter(Boolean));
      return group;
    }
  }
}

function isoParts(iso) {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  return match ? [match[3] ? String(Number(match[3])) : '', String(Number(match[2])), match[1]] : [];
}

// The one string the engine takes for a question, from the page's inputs.
export function readValue(form, question, id) {
  const named = (name) => form.elements.namedItem(name);
  const text = (name) => named(name)?.value ?? '';
  switch (question.type) {
    case 'content': return '';
    case 'checkboxes':
      return [...form.querySelectorAll('input[type="checkbox"]')]
        .filter((input) => input.name === question.id && input.checked).map((input) => input.value).join('\n');
    case 'yes_no':
      return [...form.querySelectorAll('input[type="radio"]')]
        .find((input) => input.name === question.id && input.checked)?.value ?? '';
    case 'date':
      return [question.approximate ? '' : text(`${question.id}-day`), text(`${question.id}-month`), text(`${question.id}-year`)].join('/')
        .replace(/^\/\/$/, '');
    case 'address':
      return ['line1', 'line2', 'town', 'postcode'].map((part) => text(`${question.id}-${part}`)).join('\n').replace(/^\n\n\n$/, '');
    case 'file': {
      // The answer files.js made of the file chosen now; else the one chosen
      // before, while its bytes are here; else none (it must be chosen again).
      const input = document.getElementById(id);
      const before = question.value ?? '';
      return input?.dataset.reference ?? (input?.files?.length || keptFile(before) ? before : '');
    }
    default: return document.getElementById(id)?.value ?? '';
  }
}
