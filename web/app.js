// The online police station in the browser: lists the forms, renders the engine's
// view as GOV.UK-style pages, and sends the sealed report.
// The engine decides everything about a form; this file only draws what
// engine.view() says and passes the person's answers back.
// User and form text goes in through DOM text nodes only, never as markup.

import { loadEngine } from './engine-client.js';
import { RICH_TYPES, readValue as readRichValue, richQuestion } from './questions.js';

const SERVICE_NAME = 'Online police station';
const URGENT_ADVICE = 'If someone is in danger or a crime is happening now, call 999. For other police matters, call 101.';
const SEND_FAILED = 'We could not send your report. Your answers are still here. Try again.';
const INPUT_WIDTHS = [2, 3, 4, 5, 10, 20, 30];

const appRoot = document.getElementById('fd-app');
const beforeMain = document.getElementById('fd-before-main');

let enginePromise = null;
let engine = null;
let formsPromise = null;
// The form being filled in: { formId, envelope, envelopeKeyId }. The answers
// themselves live in the engine.
let session = null;
let sending = false;
// Bumped on every navigation, so that a slow fetch cannot draw over a newer page.
let navigation = 0;

// ---------------------------------------------------------------- DOM helpers

// h('a', {href: '#', class: 'x', on: {click: fn}}, 'text', childNode, …)
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) element.addEventListener(event, handler);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function visuallyHidden(text) {
  return h('span', { class: 'fd-visually-hidden' }, text);
}

function paragraphs(texts) {
  return (texts ?? []).map((text) => h('p', { class: 'fd-body' }, text));
}

function heading(text) {
  return h('h1', { class: 'fd-heading-l', tabindex: '-1' }, text);
}

function button(text, attributes = {}) {
  return h('button', { type: 'submit', class: 'fd-button', ...attributes }, text);
}

function backLink(onBack) {
  return h('a', {
    href: '#',
    class: 'fd-back-link',
    on: { click: (event) => { event.preventDefault(); onBack(); } },
  }, 'Back');
}

// Replaces the page. focus: 'heading' (after a transition), 'summary' (errors
// shown) or 'none' (first load: leave the person where the browser put them).
function mount({ title, back = null, content, focus, hasErrors = false }) {
  beforeMain.replaceChildren(...(back ? [back] : []));
  appRoot.replaceChildren(...content);
  appRoot.removeAttribute('aria-busy');
  document.title = `${hasErrors ? 'Error: ' : ''}${title} – ${SERVICE_NAME}`;
  const target = focus === 'summary' ? appRoot.querySelector('.fd-error-summary')
    : focus === 'heading' ? appRoot.querySelector('h1') : null;
  if (target) {
    window.scrollTo(0, 0);
    target.focus({ preventScroll: true });
  }
}

function showLoading() {
  appRoot.setAttribute('aria-busy', 'true');
  beforeMain.replaceChildren();
  appRoot.replaceChildren(h('p', { class: 'fd-body' }, 'Loading…'));
}

function showProblem({ title = 'Sorry, there is a problem with the service', text = 'Try again later.', focus }) {
  const content = [heading(title), ...paragraphs([text, URGENT_ADVICE])];
  if (session) {
    content.push(h('p', { class: 'fd-body' }, h('a', {
      href: '#',
      class: 'fd-link',
      on: { click: (event) => { event.preventDefault(); act(() => {}); } },
    }, 'Go back to your answers')));
  }
  content.push(h('p', { class: 'fd-body' }, h('a', { href: '#/', class: 'fd-link' }, 'Go to the start page')));
  mount({ title, content, focus });
}

// ---------------------------------------------------------------- network

async function fetchOk(url, options) {
  const response = await fetch(url, options);
  if (!response.ok) {
    const error = new Error(`${options?.method ?? 'GET'} ${url}: HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response;
}

function getEngine() {
  enginePromise ??= loadEngine().then((loaded) => { engine = loaded; return loaded; });
  // Forget a failed load, so that the next try loads again.
  enginePromise.catch(() => { enginePromise = null; });
  return enginePromise;
}

function getForms() {
  formsPromise ??= fetchOk('/api/forms').then((response) => response.json());
  formsPromise.catch(() => { formsPromise = null; });
  return formsPromise;
}

// ---------------------------------------------------------------- routing

function route({ focus }) {
  const match = /^#\/form\/([^/]+)$/.exec(location.hash);
  if (match) return startForm(safeDecode(match[1]), focus);
  if (location.hash === '' || location.hash === '#' || location.hash === '#/') return showStartPage(focus);
  // Any other fragment (#main-content, #fd-q-…) is an in-page link, not a route.
  return undefined;
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function showStartPage(focus) {
  const token = ++navigation;
  let forms;
  try {
    forms = await getForms();
  } catch (error) {
    console.error(error);
    if (token === navigation) showProblem({ focus });
    return;
  }
  if (token !== navigation) return;

  const content = [
    heading(SERVICE_NAME),
    h('p', { class: 'fd-body' }, 'Use this service to report a crime or incident to the police.'),
    h('div', { class: 'fd-warning-text' },
      h('span', { class: 'fd-warning-text__icon', 'aria-hidden': 'true' }, '!'),
      h('strong', { class: 'fd-warning-text__text' }, visuallyHidden('Warning: '),
        'If someone is in danger or a crime is happening now, call 999.')),
  ];
  for (const form of forms) {
    content.push(h('div', { class: 'fd-start-item' },
      h('h2', { class: 'fd-heading-m' }, form.title),
      form.description ? h('p', { class: 'fd-body' }, form.description) : null,
      h('a', {
        href: `#/form/${encodeURIComponent(form.id)}`,
        class: 'fd-button fd-button--start',
        draggable: 'false',
      }, 'Start now', visuallyHidden(` – ${form.title}`), startArrow())));
  }
  mount({ title: SERVICE_NAME, content, focus });
}

function startArrow() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  for (const [name, value] of Object.entries({
    class: 'fd-button__start-icon', width: '17.5', height: '19', viewBox: '0 0 33 40',
    'aria-hidden': 'true', focusable: 'false',
  })) svg.setAttribute(name, value);
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M0 0h13l20 20-20 20H0l20-20z');
  svg.append(path);
  return svg;
}

async function startForm(formId, focus) {
  const token = ++navigation;
  // Coming back to the form in progress keeps its answers.
  if (session && session.formId === formId && engine) {
    renderView(engine.view(), { focus });
    return;
  }
  showLoading();
  try {
    const [loaded, image] = await Promise.all([
      getEngine(),
      fetchOk(`/api/forms/${encodeURIComponent(formId)}`).then((response) => response.arrayBuffer()),
    ]);
    if (token !== navigation) return;
    // The engine holds one form at a time: the previous one, if any, is gone now.
    session = null;
    loaded.loadForm(new Uint8Array(image));
    session = { formId, envelope: null, envelopeKeyId: null };
    renderView(loaded.view(), { focus });
  } catch (error) {
    console.error(error);
    if (token !== navigation) return;
    if (error.status === 404) {
      showProblem({ title: 'Page not found', text: 'We could not find that form.', focus });
    } else {
      showProblem({ focus });
    }
  }
}

// Runs one engine step, then draws where it led. A step that changed the
// answers or the route makes any envelope sealed earlier out of date.
function act(step) {
  // While a report is on its way, the answers must stay as they were sealed.
  if (sending) return;
  navigation++;
  try {
    step();
    if (session) session.envelope = null;
    const view = engine.view();
    renderView(view, { focus: view.errors?.length ? 'summary' : 'heading' });
  } catch (error) {
    console.error(error);
    showProblem({ focus: 'heading' });
  }
}

// ---------------------------------------------------------------- the view

function renderView(view, options) {
  switch (view.state) {
    case 'question': return renderQuestionPage(view, options);
    case 'exit': return renderExitPage(view, options);
    case 'check': return renderCheckPage(view, options);
    default:
      console.error('unknown view state', view.state);
      return showProblem(options);
  }
}

function back(view) {
  return view.can_go_back ? backLink(() => act(() => engine.back())) : null;
}

function fieldId(questionId) {
  return `fd-q-${questionId}`;
}

function renderQuestionPage(view, { focus }) {
  const page = view.page;
  const questions = page.questions ?? [];
  const errors = view.errors ?? [];
  // One question: its label is the page's h1 (GOV.UK "question pages").
  const single = questions.length === 1;
  const pageHeading = single ? questions[0].label : (page.title || view.form.title);

  const form = h('form', {
    class: 'fd-form',
    novalidate: true,
    on: {
      submit: (event) => { event.preventDefault(); onContinue(form, questions); },
      change: () => showLiveQuestions(form, questions),
    },
  });
  if (!single) form.append(heading(pageHeading), ...paragraphs(page.body));
  for (const question of questions) {
    const inlineError = question.error
      ?? errors.find((error) => error.question === question.id)?.message;
    form.append(questionGroup(question, {
      asHeading: single,
      body: single ? page.body : null,
      error: inlineError,
    }));
  }
  form.append(button('Continue'));

  const content = [];
  if (errors.length) content.push(errorSummary(errors, questions));
  content.push(h('span', { class: 'fd-caption-l' }, view.form.title), form);
  mount({
    title: pageHeading,
    back: back(view),
    content,
    focus: errors.length && focus !== 'none' ? 'summary' : focus,
    hasErrors: errors.length > 0,
  });
}

function onContinue(form, questions) {
  act(() => {
    for (const question of questions) {
      if (question.type !== 'content') engine.setAnswer(question.id, readValue(form, question));
    }
    engine.next();
  });
}

// Questions shown only for some answers (show_if) appear and disappear as
// the person answers, without redrawing the page or moving the focus.
function showLiveQuestions(form, questions) {
  for (const question of questions) {
    if (question.type !== 'content') engine.setAnswer(question.id, readValue(form, question));
  }
  for (const question of engine.view().page?.questions ?? []) {
    const group = form.querySelector(`[data-question="${CSS.escape(question.id)}"]`);
    if (group) group.hidden = question.shown === false;
  }
}

function readValue(form, question) {
  if (RICH_TYPES.has(question.type)) return readRichValue(form, question, fieldId(question.id));
  if (question.type === 'radios') {
    const checked = [...form.querySelectorAll('input[type="radio"]')]
      .find((input) => input.name === question.id && input.checked);
    return checked ? checked.value : '';
  }
  return document.getElementById(fieldId(question.id))?.value ?? '';
}

function questionGroup(question, { asHeading, body, error }) {
  const id = fieldId(question.id);
  if (RICH_TYPES.has(question.type)) {
    return richQuestion(question, { id, asHeading, body, error, h, paragraphs, visuallyHidden });
  }
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hint = question.hint ? h('div', { id: hintId, class: 'fd-hint' }, question.hint) : null;
  const errorMessage = error
    ? h('p', { id: errorId, class: 'fd-error-message' }, visuallyHidden('Error:'), ` ${error}`)
    : null;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(' ') || null;
  const group = h('div', {
    class: `fd-form-group${error ? ' fd-form-group--error' : ''}`,
    'data-question': question.id,
    hidden: question.shown === false,
  });

  if (question.type === 'radios') {
    const legendText = asHeading
      ? h('h1', { class: 'fd-fieldset__heading', tabindex: '-1' }, question.label)
      : question.label;
    group.append(h('fieldset', { class: 'fd-fieldset', 'aria-describedby': describedBy },
      h('legend', { class: `fd-fieldset__legend fd-fieldset__legend--${asHeading ? 'l' : 'm'}` }, legendText),
      paragraphs(body), hint, errorMessage,
      h('div', { class: 'fd-radios' }, (question.options ?? []).map((option, index) => {
        // The first radio carries the field id, so the error summary lands on it.
        const optionId = index === 0 ? id : `${id}-${index + 1}`;
        return h('div', { class: 'fd-radios__item' },
          h('input', {
            class: 'fd-radios__input',
            id: optionId,
            name: question.id,
            type: 'radio',
            value: option.value,
            checked: option.value === question.value,
            'aria-invalid': error ? 'true' : null,
          }),
          h('label', { class: 'fd-label fd-radios__label', for: optionId }, option.label));
      }))));
    return group;
  }

  const label = h('label', { class: `fd-label${asHeading ? ' fd-label--l' : ''}`, for: id }, question.label);
  const field = question.type === 'textarea' ? textarea(id, error) : input(question, id, error);
  field.setAttribute('name', question.id);
  if (describedBy) field.setAttribute('aria-describedby', describedBy);
  if (error) field.setAttribute('aria-invalid', 'true');
  if (question.autocomplete) field.setAttribute('autocomplete', question.autocomplete);
  field.value = question.value ?? '';
  group.append(...[
    asHeading ? h('h1', { class: 'fd-label-wrapper', tabindex: '-1' }, label) : label,
    ...paragraphs(body), hint, errorMessage, field,
  ].filter(Boolean));
  return group;
}

function textarea(id, error) {
  return h('textarea', {
    class: `fd-textarea${error ? ' fd-textarea--error' : ''}`,
    id,
    rows: '5',
  });
}

function input(question, id, error) {
  const email = question.type === 'email' || question.autocomplete === 'email';
  const tel = question.type === 'tel' || question.autocomplete === 'tel';
  const width = INPUT_WIDTHS.find((w) => question.width && question.width <= w);
  const classes = ['fd-input', width && `fd-input--width-${width}`, error && 'fd-input--error']
    .filter(Boolean).join(' ');
  return h('input', {
    class: classes,
    id,
    type: email ? 'email' : tel ? 'tel' : 'text',
    inputmode: question.type === 'number' ? 'numeric' : null,
    spellcheck: email ? 'false' : null,
  });
}

// The GOV.UK error summary: first on the page, takes focus, and each link moves
// focus to its field (not just scrolls) while keeping its label in view.
function errorSummary(errors, questions = []) {
  const known = new Set(questions.map((question) => question.id));
  const items = errors.map((error) => {
    if (!known.has(error.question)) return h('li', {}, error.message);
    const id = fieldId(error.question);
    return h('li', {}, h('a', {
      href: `#${id}`,
      on: {
        click: (event) => {
          event.preventDefault();
          focusField(id);
        },
      },
    }, error.message));
  });
  return summaryBox(h('ul', { class: 'fd-list fd-error-summary__list' }, items));
}

function summaryBox(body) {
  return h('div', { class: 'fd-error-summary', role: 'alert', tabindex: '-1' },
    h('h2', { class: 'fd-error-summary__title' }, 'There is a problem'),
    h('div', { class: 'fd-error-summary__body' }, body));
}

function focusField(id) {
  const field = document.getElementById(id);
  if (!field) return;
  const caption = field.closest('fieldset')?.querySelector('legend') ?? field.labels?.[0] ?? field;
  caption.scrollIntoView({ block: 'start' });
  field.focus({ preventScroll: true });
}

function renderExitPage(view, { focus }) {
  const page = view.page;
  mount({
    title: page.title,
    back: back(view),
    content: [heading(page.title), ...paragraphs(page.body)],
    focus,
  });
}

function renderCheckPage(view, { focus, sendFailed = false }) {
  const title = 'Check your answers before sending your report';
  const rows = view.check?.rows ?? [];
  const list = h('dl', { class: 'fd-summary-list' }, rows.map((row) => h('div', { class: 'fd-summary-list__row' },
    h('dt', { class: 'fd-summary-list__key' }, row.label),
    row.value
      ? h('dd', { class: 'fd-summary-list__value' }, row.value)
      : h('dd', { class: 'fd-summary-list__value fd-summary-list__value--empty' }, 'Not given'),
    h('dd', { class: 'fd-summary-list__actions' }, h('a', {
      href: '#',
      class: 'fd-link',
      on: { click: (event) => { event.preventDefault(); act(() => engine.change(row.question)); } },
    }, 'Change', visuallyHidden(` ${row.label}`))))));

  const status = h('div', { class: 'fd-status', 'aria-live': 'polite' });
  const sendButton = button('Send report');
  const form = h('form', {
    class: 'fd-form',
    novalidate: true,
    on: { submit: (event) => { event.preventDefault(); sendReport(sendButton, status); } },
  }, sendButton, status);

  const content = [];
  if (sendFailed) content.push(summaryBox(h('p', { class: 'fd-body' }, SEND_FAILED)));
  content.push(
    h('span', { class: 'fd-caption-l' }, view.form.title),
    heading(title),
    list,
    h('h2', { class: 'fd-heading-m' }, 'Now send your report'),
    h('p', { class: 'fd-body' },
      'By sending this report you are confirming that, to the best of your knowledge, the details you are giving are correct.'),
    form,
  );
  mount({
    title,
    back: back(view),
    content,
    focus: sendFailed ? 'summary' : focus,
    hasErrors: sendFailed,
  });
}

// ---------------------------------------------------------------- sending

async function sendReport(sendButton, status) {
  if (sending) return;
  sending = true;
  const token = ++navigation;
  sendButton.disabled = true;
  status.textContent = 'Sending…';
  try {
    const keys = await (await fetchOk('/api/keys')).json();
    // Retrying sends the same envelope, so the server can tell it is a repeat.
    if (!session.envelope || session.envelopeKeyId !== keys.sealing.key_id) {
      session.envelope = engine.seal({
        publicKey: keys.sealing.public_key,
        keyId: keys.sealing.key_id,
        language: 'en',
      });
      session.envelopeKeyId = keys.sealing.key_id;
    }
    const response = await fetchOk('/api/submissions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: session.envelope,
    });
    const receipt = await response.json();
    if (!engine.verifyReceipt(receipt, keys.receipt.public_key)) {
      throw new Error('the receipt signature is not valid');
    }
    session = null;
    // Shown even if the person went elsewhere meanwhile: the reference must not be lost.
    navigation++;
    renderConfirmation(receipt);
  } catch (error) {
    console.error('sending the report failed:', error);
    if (token === navigation) renderCheckPage(engine.view(), { focus: 'summary', sendFailed: true });
  } finally {
    sending = false;
  }
}

function renderConfirmation(receipt) {
  mount({
    title: 'Report sent',
    content: [
      h('div', { class: 'fd-panel fd-panel--confirmation' },
        h('h1', { class: 'fd-panel__title', tabindex: '-1' }, 'Report sent'),
        h('p', { class: 'fd-panel__body' }, 'Your reference number', h('br'),
          h('strong', { class: 'fd-panel__reference' }, receipt.reference))),
      h('h2', { class: 'fd-heading-m' }, 'What happens next'),
      ...paragraphs([
        'We have sent your report to the police team that deals with it. They will contact you if they need to know more.',
        'Keep your reference number. You will need it if you contact us about this report.',
      ]),
      h('p', { class: 'fd-body' }, h('a', { href: '#/', class: 'fd-link' }, 'Report something else')),
    ],
    focus: 'heading',
  });
}

// ---------------------------------------------------------------- start

window.addEventListener('hashchange', () => route({ focus: 'heading' }));
// Start fetching the engine at once: on a slow connection it is the long wait.
getEngine().catch((error) => console.error('the engine did not load:', error));
route({ focus: 'none' });
