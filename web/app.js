// The online police station in the browser: lists the forms, renders the engine's
// view as GOV.UK-style pages, keeps drafts (drafts.js) and puts the sealed
// report in the outbox (outbox.js), from where it is sent until it arrives.
// The first question needs only this file, drafts.js (to find saved answers)
// and the form's start view from the server (the first page as the engine
// draws it); the engine arrives behind it and takes over, and sealing and
// sending load behind that (docs/web-client.md).
// The engine decides everything about a form; this file only draws what
// engine.view() says and passes the person's answers back.
// User and form text goes in through DOM text nodes only, never as markup.

const engineClient = () => import('./engine-client.js');

const SERVICE_NAME = 'Online police station';
const URGENT_ADVICE = 'If someone is in danger or a crime is happening now, call 999. For other police matters, call 101.';
const SEND_FAILED = 'We could not send your report. Your answers are still here. Try again.';
const STORAGE_WARNING = 'Your browser may delete what is saved on this device if it runs low on space. Send your report as soon as you can.';
// Loaded when first needed (preloaded by index.html for drafts.js).
const outboxModule = () => import('./outbox.js');
const draftsModule = () => import('./drafts.js');
// The "add another" summary, only for forms with repeat groups.
const repeatsModule = () => import('./repeats.js');
// The question types beyond these are drawn by questions.js, loaded behind
// the first page (or before a page that needs it), to keep that page small.
const PLAIN_TYPES = new Set(['text', 'textarea', 'radios']);
const questionsModule = () => import('./questions.js').then((loaded) => { rich = loaded; return loaded; });
let rich = null;
const INPUT_WIDTHS = [2, 3, 4, 5, 10, 20, 30];
// The app's own words in the languages besides English (built in), loaded
// when a form is shown in that language (docs/web-client.md, "Languages").
const WORDS = { pl: './pl.json' };
const LANGUAGE_KEY = 'fd-language';

const appRoot = document.getElementById('fd-app');
const beforeMain = document.getElementById('fd-before-main');

let enginePromise = null;
let engine = null;
// While the first page drawn from the start view waits for the engine:
// { formId, early, promise, failed } (startForm).
let pending = null;
let formsPromise = null;
// The form being filled in: { formId, sealed: { envelope, submissionId, keyId } }.
// The answers themselves live in the engine (and, encrypted, in the draft).
let session = null;
let sending = false;
// Bumped on every navigation, so that a slow fetch cannot draw over a newer page.
let navigation = 0;
// 'persisted', 'refused' or 'unknown': whether the browser promised to keep our storage.
let storage = 'unknown';
// The language of the page, and the app's words in it (null: English).
let language = 'en';
let words = null;
const t = (text) => words?.[text] ?? text;

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
  }, t('Back'));
}

// Replaces the page. focus: 'heading' (after a transition), 'summary' (errors
// shown) or 'none' (first load: leave the person where the browser put them).
function mount({ title, back = null, content, focus, hasErrors = false }) {
  beforeMain.replaceChildren(...(back ? [back] : []));
  document.documentElement.lang = appRoot.lang = language;
  document.querySelector('.fd-header__service-name').textContent = t(SERVICE_NAME);
  document.querySelector('.fd-skip-link').textContent = t('Skip to main content');
  document.querySelector('.fd-footer__text').textContent = t(URGENT_ADVICE);
  appRoot.replaceChildren(...content);
  appRoot.removeAttribute('aria-busy');
  afterFirstPage();
  document.title = `${hasErrors ? t('Error: ') : ''}${title} – ${t(SERVICE_NAME)}`;
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
  appRoot.replaceChildren(h('p', { class: 'fd-body' }, t('Loading…')));
}

function showProblem({ title = 'Sorry, there is a problem with the service', text = 'Try again later.', focus }) {
  title = t(title);
  const content = [heading(title), ...paragraphs([t(text), t(URGENT_ADVICE)])];
  if (session) {
    content.push(h('p', { class: 'fd-body' }, h('a', {
      href: '#',
      class: 'fd-link',
      on: { click: (event) => { event.preventDefault(); act(() => {}); } },
    }, t('Go back to your answers'))));
  }
  content.push(h('p', { class: 'fd-body' }, h('a', { href: '#/', class: 'fd-link' }, t('Go to the start page'))));
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
  enginePromise ??= engineClient().then(({ loadEngine }) => loadEngine()).then((loaded) => { engine = loaded; return loaded; });
  // Forget a failed load, so that the next try loads again.
  enginePromise.catch(() => { enginePromise = null; });
  return enginePromise;
}

let cryptoPromise = null;
function getCrypto() {
  cryptoPromise ??= engineClient().then(({ loadCrypto }) => loadCrypto());
  cryptoPromise.catch(() => { cryptoPromise = null; });
  return cryptoPromise;
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
  const report = /^#\/report\/([0-9a-f]{32})$/.exec(location.hash);
  if (report) return showReport(report[1], focus);
  if (location.hash === '#/delete') return showDeletePage(focus);
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

// The app's own pages (the start page, delete, a report's) are in the
// language the person chose last, where the app has its words in it.
async function appLanguage(token) {
  const code = preferredLanguage(['en', ...Object.keys(WORDS)]);
  // The words already here are kept: with no connection they may not be had again.
  const loaded = code === language && words ? words : await appWords(code);
  if (token === navigation) [language, words] = [code, loaded];
}

async function showStartPage(focus) {
  const token = ++navigation;
  let forms;
  try {
    [forms] = await Promise.all([getForms(), appLanguage(token)]);
  } catch (error) {
    console.error(error);
    if (token === navigation) showProblem({ focus });
    return;
  }
  if (token !== navigation) return;

  const content = [
    heading(t(SERVICE_NAME)),
    h('p', { class: 'fd-body' }, t('Use this service to report a crime or incident to the police.')),
    h('div', { class: 'fd-warning-text' },
      h('span', { class: 'fd-warning-text__icon', 'aria-hidden': 'true' }, '!'),
      h('strong', { class: 'fd-warning-text__text' }, visuallyHidden(t('Warning: ')),
        t('If someone is in danger or a crime is happening now, call 999.'))),
  ];
  for (const form of forms) {
    const [title, lang] = listed(form, 'title');
    const [description] = listed(form, 'description');
    content.push(h('div', { class: 'fd-start-item' },
      h('h2', { class: 'fd-heading-m', lang }, title),
      description ? h('p', { class: 'fd-body', lang }, description) : null,
      h('a', {
        href: `#/form/${encodeURIComponent(form.id)}`,
        class: 'fd-button fd-button--start',
        draggable: 'false',
      }, t('Start now'), h('span', { class: 'fd-visually-hidden', lang }, ` – ${title}`), startArrow())));
  }
  mount({ title: t(SERVICE_NAME), content, focus });
  // The app's words are in English and Polish: the language select, as on a form's pages.
  languageSelect({ form: { languages: ['en', ...Object.keys(WORDS)], language, translation_status: words?.$status } }, token);
  showWaitingReports(token);
}

// Reports still in the outbox, from this visit or an earlier one.
async function showWaitingReports(token) {
  let entries;
  try {
    entries = await (await outboxModule()).outboxEntries();
  } catch (error) {
    console.error(error);
    return;
  }
  if (token !== navigation || !entries.length) return;
  const forms = await getForms().catch(() => []);
  const titleOf = (formId) => {
    const form = forms.find((listedForm) => listedForm.id === formId);
    return form ? listed(form, 'title') : [t('Your report')];
  };
  appRoot.querySelector('h1')?.after(h('div', { class: 'fd-inset-text' },
    h('h2', { class: 'fd-heading-m' }, t('Reports saved on this device')),
    h('ul', { class: 'fd-list' }, entries.map((entry) => h('li', {},
      h('a', { href: `#/report/${entry.id}`, class: 'fd-link', lang: titleOf(entry.formId)[1] }, titleOf(entry.formId)[0]),
      t(entry.state === 'rejected' ? ' – we could not accept it' : ' – waiting to be sent'))))));
}

// A text of the list of forms (`title`, `description`, `next_steps`) in the
// page's language, and the `lang` to mark it with when the form does not have
// that language and the text stays in its default.
function listed(form, key) {
  const own = form.translations?.[language];
  return [own?.[key] ?? form[key], own || form.languages[0] === language ? null : form.languages[0]];
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
    // In the language chosen since (on the start page, say), when the form has it.
    await useLanguage(preferredLanguage(engine.view().form.languages ?? []) ?? engine.view().form.language, token);
    if (token === navigation) renderView(engine.view(), { focus });
    return;
  }
  showLoading();
  // The engine holds one form at a time: the previous one, if any, is gone now.
  session = null;
  const early = { drawn: null, engine: false };
  // The start view's few bytes are asked for first, the engine's many next.
  const drawing = drawStartView(formId, token, focus, early);
  pending = { formId, early, failed: false, promise: loadForm(formId, token, focus, early) };
  drawing.catch((error) => console.error('no start view:', error));
  await pending.promise;
}

// The first page, drawn from the server's start view before the engine has
// arrived, when there are no saved answers to go back to (they need the
// engine). It is the engine's own view, made by the server's copy of it.
async function drawStartView(formId, token, focus, early) {
  const [start, draft] = await Promise.all([
    fetchOk(`/api/forms/${encodeURIComponent(formId)}/start`).then((response) => response.json()),
    draftsModule().then((drafts) => drafts.loadDraft(formId)),
  ]);
  if (draft || token !== navigation || early.engine) return;
  const code = preferredLanguage(start.languages);
  const view = start.views?.[code];
  // today() may shape a page: a view made for another day is not this one.
  if (view?.state !== 'question' || start.today !== localDate()) return;
  const loaded = await appWords(code);
  if (token !== navigation || early.engine) return;
  language = code;
  words = loaded;
  early.drawn = view;
  renderView(view, { focus });
}

// Loads the form into the engine, with any saved answers, and hands the page
// over to it. With a start view on screen, a failure leaves that page up and
// Continue tries again (whenEngine); otherwise it is shown.
async function loadForm(formId, token, focus, early, retry = false) {
  try {
    const [loaded, image] = await Promise.all([getEngine(), formImage(formId)]);
    if (token !== navigation) return;
    loaded.loadForm(image);
    const restored = await restoreDraft(loaded, formId);
    // In the language the person chose before, when the form has it.
    await useLanguage(preferredLanguage(loaded.view().form.languages ?? []) ?? loaded.view().form.language, token, formId);
    if (token !== navigation) return;
    early.engine = true;
    pending = null;
    session = { formId, sealed: null };
    takeOver(loaded.view(), early.drawn, { focus, restored });
  } catch (error) {
    console.error(error);
    if (token !== navigation) return;
    if (early.drawn && !retry) {
      pending.failed = true;
    } else if (error.status === 404) {
      showProblem({ title: 'Page not found', text: 'We could not find that form.', focus });
    } else {
      showProblem({ focus });
    }
  }
}

// The engine's first view replaces the start view's, unless they are the
// same (the usual case): then the page stays, with whatever is typed on it
// (or, still waiting for questions.js, is drawn as it is when that comes).
function takeOver(view, drawn, options) {
  const form = appRoot.querySelector('form');
  if (drawn && !options.restored && JSON.stringify(view) === JSON.stringify(drawn)) {
    const questions = view.page.questions;
    if (!form) return;
    showLiveQuestions(form, questions);
    if (questions.some((question) => question.type !== 'content' && readValue(form, question) !== '')) saveWhileTyping(form, questions);
    return;
  }
  // What was typed there, for the questions the engine's page also asks.
  const asked = new Set((view.page?.questions ?? []).map((question) => question.id));
  for (const question of (form && drawn?.page.questions) || []) {
    const value = question.type === 'content' || !asked.has(question.id) ? '' : readValue(form, question);
    if (value !== '') engine.setAnswer(question.id, value);
  }
  // A draw of the start view still to come (waiting for questions.js) is stale now.
  navigation++;
  renderView(engine.view(), drawn ? { ...options, focus: 'none' } : options);
}

// Runs `then` once the engine has the form (at once when it has), trying
// again to load it if the first try failed.
function whenEngine(then) {
  if (session) return then();
  if (!pending) return undefined;
  if (pending.failed) {
    pending.failed = false;
    pending.promise = loadForm(pending.formId, navigation, 'heading', pending.early, true);
  }
  return pending.promise.then(() => session && then());
}

function preferredLanguage(languages) {
  let wanted = null;
  try { wanted = localStorage.getItem(LANGUAGE_KEY); } catch { /* storage may be off */ }
  return languages.includes(wanted) ? wanted : languages[0];
}

function localDate(date = new Date()) {
  const two = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

// The app's words in a language (null for English, or when they cannot be had).
function appWords(code) {
  return WORDS[code] ? fetchOk(WORDS[code]).then((response) => response.json()).catch(() => null) : null;
}

// The form's image in one language (the default when none is given).
async function formImage(formId, code) {
  const response = await fetchOk(`/api/forms/${encodeURIComponent(formId)}${code ? `?lang=${code}` : ''}`);
  return new Uint8Array(await response.arrayBuffer());
}

// Shows the form in `code`: its image in that language, with the answers
// carried over in a draft (answers do not depend on the language), and the
// app's words in it.
async function useLanguage(code, token, formId = session.formId) {
  const [image, loaded] = await Promise.all([
    code === engine.view().form.language ? null : formImage(formId, code),
    appWords(code),
  ]);
  if (token !== navigation) return;
  if (image) {
    const draft = engine.saveDraft();
    engine.loadForm(image);
    engine.restoreDraft(draft);
  }
  language = code;
  words = loaded;
}

// The language select's choice: the same page, in another language.
async function chooseLanguage(code) {
  if (sending) return;
  try { localStorage.setItem(LANGUAGE_KEY, code); } catch { /* storage may be off */ }
  // The start page is drawn again; a form's page keeps what is typed on it.
  if (!location.hash.startsWith('#/form/')) return route({ focus: 'heading' });
  if (!session) return whenEngine(() => chooseLanguage(code));
  const token = ++navigation;
  try {
    clearTimeout(typingTimer);
    keepTyped();
    await useLanguage(code, token);
    if (token !== navigation) return;
    session.sealed = null;
    renderView(engine.view(), { focus: 'heading' });
  } catch (error) {
    console.error(error);
    showProblem({ focus: 'heading' });
  }
}

// ---------------------------------------------------------------- drafts

// Puts the saved answers, if any, back into the engine. Returns false, or
// { dropped }: how many answers the form (a newer version) no longer asks for.
async function restoreDraft(loaded, formId) {
  try {
    const drafts = await draftsModule();
    const draft = await drafts.loadDraft(formId);
    if (!draft) return false;
    // Answers already sent as a report are not a report in progress, unless
    // the server refused that report and they are to be corrected.
    if (draft.sentAs) {
      const entry = await (await outboxModule()).outboxEntry(draft.sentAs);
      if (entry && entry.state !== 'rejected') return false;
    }
    const dropped = loaded.restoreDraft(draft.text);
    return { dropped: dropped?.length ?? 0 };
  } catch (error) {
    // A draft that cannot be restored must not stop the form from starting.
    console.error('the saved answers could not be restored:', error);
    return false;
  }
}

let saving = Promise.resolve();

// Saves the answers as they are now, encrypted, on the device. Saves run one
// after another, so the last answers are the ones kept.
function saveDraft() {
  if (!session || !engine) return saving;
  const { formId } = session;
  let text;
  try {
    text = engine.saveDraft();
  } catch (error) {
    console.error('the answers could not be saved:', error);
    return saving;
  }
  saving = saving.then(async () => {
    const drafts = await draftsModule();
    await drafts.saveDraft(formId, text);
    await askForPersistentStorage();
  }).catch((error) => console.error('the answers could not be saved:', error));
  return saving;
}

// The answers typed on this page, kept as they are typed (not only on Continue).
let typingTimer = 0;
function saveWhileTyping(form, questions) {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    if (sending || !session || !form.isConnected) return;
    try {
      keepTyped(form, questions);
    } catch (error) {
      console.error(error);
      return;
    }
    saveDraft();
  }, 300);
}

// Gives the engine what is typed on the page now.
function keepTyped(form = appRoot.querySelector('form'), questions = engine.view().page?.questions ?? []) {
  if (form) for (const question of questions) engine.setAnswer(question.id, readValue(form, question));
  session.sealed = null;
}

async function askForPersistentStorage() {
  if (storage !== 'unknown' || !navigator.storage?.persist) return;
  try {
    storage = (await navigator.storage.persisted()) || (await navigator.storage.persist()) ? 'persisted' : 'refused';
  } catch {
    storage = 'refused';
  }
}

function storageWarning() {
  return storage === 'refused'
    ? h('div', { class: 'fd-inset-text' }, h('p', { class: 'fd-body' }, t(STORAGE_WARNING)))
    : null;
}

function deleteAnswersLink() {
  return h('p', { class: 'fd-body fd-delete-answers' }, t('On a shared computer? '),
    h('a', { href: '#/delete', class: 'fd-link' }, t('Delete your answers from this device')));
}

async function showDeletePage(focus) {
  const token = ++navigation;
  await appLanguage(token);
  if (token !== navigation) return;
  const title = t('Delete your answers from this device');
  const form = h('form', {
    class: 'fd-form',
    novalidate: true,
    on: {
      submit: async (event) => {
        event.preventDefault();
        const token = ++navigation;
        clearTimeout(typingTimer);
        session = null;
        try {
          await saving;
          await (await draftsModule()).deleteAllDrafts();
          forgetFiles();
        } catch (error) {
          console.error(error);
          if (token === navigation) showProblem({ title: 'We could not delete your answers', text: 'Close this browser window, then try again.', focus: 'heading' });
          return;
        }
        // The engine still holds them in memory: start it afresh.
        if (engine) {
          engine = null;
          enginePromise = null;
        }
        if (token !== navigation) return;
        mount({
          title: t('Your answers have been deleted'),
          content: [heading(t('Your answers have been deleted')),
            ...paragraphs(['The answers you gave are no longer saved on this device.',
              'Reports you already sent are not affected.'].map(t)),
            h('p', { class: 'fd-body' }, h('a', { href: '#/', class: 'fd-link' }, t('Go to the start page')))],
          focus: 'heading',
        });
      },
    },
  }, button(t('Delete my answers'), { class: 'fd-button fd-button--warning' }));
  mount({
    title,
    back: h('a', { href: '#/', class: 'fd-back-link' }, t('Back')),
    content: [heading(title),
      ...paragraphs(['If other people use this device, you can delete the answers you have given so far.',
        'You will need to start again. Reports you already sent are not affected.'].map(t)),
      form],
    focus,
  });
}

// Runs one engine step, then draws where it led. A step that changed the
// answers or the route makes any envelope sealed earlier out of date.
function act(step) {
  // While a report is on its way, the answers must stay as they were sealed.
  if (sending) return;
  navigation++;
  try {
    clearTimeout(typingTimer);
    step();
    if (session) session.sealed = null;
    const view = engine.view();
    renderView(view, { focus: view.errors?.length ? 'summary' : 'heading' });
    saveDraft();
  } catch (error) {
    console.error(error);
    showProblem({ focus: 'heading' });
  }
}

// ---------------------------------------------------------------- the view

function renderView(view, options) {
  const token = navigation;
  const later = (load, draw) => load().then((loaded) => token === navigation && draw(loaded), () => showProblem(options));
  switch (view.state) {
    case 'question':
      if (!rich && view.page.questions.some((question) => !PLAIN_TYPES.has(question.type))) {
        later(questionsModule, () => renderView(view, options));
        return;
      }
      renderQuestionPage(view, options);
      break;
    case 'exit': renderExitPage(view, options); break;
    case 'check': renderCheckPage(view, options); break;
    case 'summary':
      later(repeatsModule, (repeats) => {
        repeats.renderSummary(view, options, {
          h, mount, back, heading, button, questionGroup, errorSummary, act, engine, deleteAnswersLink, t,
        });
        languageSelect(view, token);
      });
      return;
    default:
      console.error('unknown view state', view.state);
      showProblem(options);
      return;
  }
  languageSelect(view, token);
}

// A form in several languages (or the start page): the language select, loaded only for such pages.
function languageSelect(view, token) {
  if (view.form.languages) {
    import('./language.js').then(({ showLanguages }) => {
      if (token === navigation) showLanguages(h, t, view.form, chooseLanguage);
    }).catch((error) => console.error(error));
  }
}

function back(view) {
  return view.can_go_back ? backLink(() => act(() => engine.back())) : null;
}

function fieldId(questionId) {
  return `fd-q-${questionId}`;
}

function renderQuestionPage(view, { focus, restored = false }) {
  const page = view.page;
  const questions = page.questions ?? [];
  const errors = view.errors ?? [];
  // Questions an option reveals are drawn under that option, not on their own.
  const revealed = new Set(questions.flatMap((question) => (question.options ?? []).flatMap((option) => option.reveals ?? [])));
  const topLevel = questions.filter((question) => !revealed.has(question.id));
  // One question: its label is the page's h1 (GOV.UK "question pages").
  const single = topLevel.length === 1;
  const pageHeading = single ? topLevel[0].label : (page.title || view.form.title);
  const errorOf = (question) => question.error ?? errors.find((error) => error.question === question.id)?.message;
  const nested = (ids) => questions.filter((question) => ids.includes(question.id))
    .map((question) => questionGroup(question, { asHeading: false, error: errorOf(question) }));

  const form = h('form', {
    class: 'fd-form',
    novalidate: true,
    on: {
      submit: (event) => { event.preventDefault(); onContinue(form, questions); },
      input: () => saveWhileTyping(form, questions),
      change: () => {
        if (session) showLiveQuestions(form, questions);
        showRevealed(form);
        saveWhileTyping(form, questions);
      },
    },
  });
  if (!single) form.append(heading(pageHeading), ...paragraphs(page.body));
  for (const question of topLevel) {
    form.append(questionGroup(question, {
      asHeading: single,
      body: single ? page.body : null,
      error: errorOf(question),
      nested,
    }));
  }
  form.append(button(t('Continue')));

  const content = [];
  if (errors.length) content.push(errorSummary(errors, questions));
  if (restored && !errors.length) content.push(restoredNotice(restored));
  // A repeat entry says which one it is ("Item 2"); its summary is drawn by repeats.js, fetched now.
  if (page.repeat) repeatsModule();
  content.push(h('span', { class: 'fd-caption-l' }, page.repeat?.title ?? view.form.title), form, deleteAnswersLink());
  mount({
    title: pageHeading,
    back: back(view),
    content,
    focus: errors.length && focus !== 'none' ? 'summary' : focus,
    hasErrors: errors.length > 0,
  });
}

function restoredNotice({ dropped }) {
  return h('div', { class: 'fd-inset-text' },
    h('p', { class: 'fd-body' }, t('We kept the answers you gave before on this device. You can carry on where you left off.')),
    dropped
      ? h('p', { class: 'fd-body' }, t('This form has changed since then. Some of your answers are no longer needed and have been removed. Check your answers before you send them.'))
      : null);
}

function onContinue(form, questions) {
  if (!session) return whenEngine(() => form.isConnected && onContinue(form, questions));
  return act(() => {
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

// The answer as the engine takes it (docs/engine-view.md): the rich types as
// questions.js reads them; a radio's value; checkboxes' values in option
// order, one per line; a date as DAY/MONTH/YEAR as typed ("" when all three
// are empty); else the text.
function readValue(form, question) {
  if (!PLAIN_TYPES.has(question.type)) return rich.readValue(form, question, fieldId(question.id));
  if (question.type === 'radios' || question.type === 'checkboxes') {
    return [...form.querySelectorAll('input')]
      .filter((input) => input.name === question.id && input.checked)
      .map((input) => input.value).join('\n');
  }
  if (question.type === 'date') {
    const parts = DATE_PARTS.map(([part]) => document.getElementById(datePartId(question.id, part))?.value.trim() ?? '');
    return parts.every((part) => part === '') ? '' : parts.join('/');
  }
  return document.getElementById(fieldId(question.id))?.value ?? '';
}

const DATE_PARTS = [['day', 'Day', 2], ['month', 'Month', 2], ['year', 'Year', 4]];

// The day carries the field id, so the error summary lands on it.
function datePartId(questionId, part) {
  return part === 'day' ? fieldId(questionId) : `${fieldId(questionId)}-${part}`;
}

// Shows the questions under each chosen option, hides the others.
function showRevealed(form) {
  for (const input of form.querySelectorAll('input[aria-controls]')) {
    document.getElementById(input.getAttribute('aria-controls'))
      ?.classList.toggle('fd-conditional--hidden', !input.checked);
  }
}

function questionGroup(question, { asHeading, body, error, nested = () => [] }) {
  const id = fieldId(question.id);
  if (!PLAIN_TYPES.has(question.type)) {
    return rich.richQuestion(question, { id, asHeading, body, error, h, paragraphs, visuallyHidden, t, crypto: getCrypto });
  }
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

  if (question.type === 'radios' || question.type === 'checkboxes' || question.type === 'date') {
    const legendText = asHeading
      ? h('h1', { class: 'fd-fieldset__heading', tabindex: '-1' }, question.label)
      : question.label;
    const inputs = question.type === 'date'
      ? dateInputs(question, error)
      : choices(question, id, error, nested);
    group.append(h('fieldset', { class: 'fd-fieldset', 'aria-describedby': describedBy },
      h('legend', { class: `fd-fieldset__legend fd-fieldset__legend--${asHeading ? 'l' : 'm'}` }, legendText),
      paragraphs(body), hint, errorMessage, inputs));
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

// Radios or checkboxes; an option that reveals questions has them drawn under
// it, shown only while it is chosen (GOV.UK conditional reveal).
function choices(question, id, error, nested) {
  const kind = question.type === 'checkboxes' ? 'checkboxes' : 'radios';
  const chosen = kind === 'checkboxes' ? (question.value ?? '').split('\n') : [question.value];
  return h('div', { class: `fd-radios${kind === 'checkboxes' ? ' fd-checkboxes' : ''}` }, (question.options ?? []).map((option, index) => {
    // The first option carries the field id, so the error summary lands on it.
    const optionId = index === 0 ? id : `${id}-${index + 1}`;
    const checked = chosen.includes(option.value);
    const reveals = option.reveals ?? [];
    const conditionalId = `${optionId}-conditional`;
    return [
      h('div', { class: 'fd-radios__item' },
        h('input', {
          class: 'fd-radios__input',
          id: optionId,
          name: question.id,
          type: kind === 'checkboxes' ? 'checkbox' : 'radio',
          value: option.value,
          checked,
          'aria-invalid': error ? 'true' : null,
          'aria-controls': reveals.length ? conditionalId : null,
        }),
        h('label', { class: 'fd-label fd-radios__label', for: optionId }, option.label),
        option.hint ? h('div', { class: 'fd-hint fd-radios__hint' }, option.hint) : null),
      reveals.length
        ? h('div', { class: `fd-conditional${checked ? '' : ' fd-conditional--hidden'}`, id: conditionalId }, nested(reveals))
        : null,
    ];
  }).flat());
}

// A date as three boxes, day, month and year (GOV.UK date input). The value
// comes back as typed (DAY/MONTH/YEAR) or as the engine keeps it (YYYY-MM-DD).
function dateInputs(question, error) {
  const value = question.value ?? '';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [day = '', month = '', year = ''] = iso ? [String(Number(iso[3])), String(Number(iso[2])), iso[1]] : value.split('/');
  const values = { day, month, year };
  const autocomplete = question.autocomplete === 'bday' ? 'bday' : null;
  return h('div', { class: 'fd-date-input' }, DATE_PARTS.map(([part, label, width]) => {
    const partId = datePartId(question.id, part);
    return h('div', { class: 'fd-date-input__item' },
      h('label', { class: 'fd-label fd-date-input__label', for: partId }, t(label)),
      h('input', {
        class: `fd-input fd-input--width-${width}${error ? ' fd-input--error' : ''}`,
        id: partId,
        name: `${question.id}-${part}`,
        type: 'text',
        inputmode: 'numeric',
        autocomplete: autocomplete && `${autocomplete}-${part}`,
        value: values[part],
        'aria-invalid': error ? 'true' : null,
      }));
  }));
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
    h('h2', { class: 'fd-error-summary__title' }, t('There is a problem')),
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

function renderCheckPage(view, { focus, sendFailed = false, restored = false }) {
  const title = t('Check your answers before sending your report');
  const rows = view.check?.rows ?? [];
  const list = h('dl', { class: 'fd-summary-list' }, rows.map((row) => h('div', { class: 'fd-summary-list__row' },
    h('dt', { class: 'fd-summary-list__key' }, row.entry ? `${row.entry}: ${row.label}` : row.label),
    row.value
      ? h('dd', { class: 'fd-summary-list__value' }, row.value)
      : h('dd', { class: 'fd-summary-list__value fd-summary-list__value--empty' }, t('Not given')),
    h('dd', { class: 'fd-summary-list__actions' }, h('a', {
      href: '#',
      class: 'fd-link',
      on: { click: (event) => { event.preventDefault(); act(() => engine.change(row.question)); } },
    }, t('Change'), visuallyHidden(` ${row.entry ? `${row.entry}: ` : ''}${row.label}`))))));

  const status = h('div', { class: 'fd-status', 'aria-live': 'polite' });
  const sendButton = button(t('Send report'));
  const form = h('form', {
    class: 'fd-form',
    novalidate: true,
    on: { submit: (event) => { event.preventDefault(); sendReport(sendButton, status); } },
  }, sendButton, status);

  const content = [];
  if (sendFailed) content.push(summaryBox(h('p', { class: 'fd-body' }, t(SEND_FAILED))));
  if (restored && !sendFailed) content.push(restoredNotice(restored));
  content.push(
    h('span', { class: 'fd-caption-l' }, view.form.title),
    heading(title),
    list,
    h('h2', { class: 'fd-heading-m' }, t('Now send your report')),
    ...paragraphs([
      'By sending this report you are confirming that, to the best of your knowledge, the details you are giving are correct.',
      'If you have no connection, we will keep your report on this device and send it when you are back online.'].map(t)),
    form,
    deleteAnswersLink(),
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

// Seals the report (the only copy that leaves the engine is ciphertext),
// stores it in the outbox, durably, and only then tries to send it.
async function sendReport(sendButton, status) {
  if (sending) return;
  sending = true;
  const token = ++navigation;
  sendButton.disabled = true;
  status.textContent = t('Getting your report ready…');
  try {
    clearTimeout(typingTimer);
    await saveDraft();
    const [keys, outbox, sealer] = await Promise.all([getKeys(), outboxModule(), getCrypto()]);
    // Sealed once: every retry sends these same bytes, so the receipt the
    // server keeps for this submission id is the receipt for this envelope.
    if (!session.sealed || session.sealed.keyId !== keys.sealing.key_id) {
      // files.js seals the files the report names into the same envelope.
      const sealed = engine.seal((await import('./files.js')).sealer(sealer), {
        publicKey: keys.sealing.public_key, keyId: keys.sealing.key_id, language: engine.view().form.language, formId: session.formId,
      });
      session.sealed = { ...sealed, keyId: keys.sealing.key_id };
    }
    const { envelope, submissionId } = session.sealed;
    // A report sent again after the server refused it replaces the refused one.
    for (const entry of await outbox.outboxEntries()) {
      if (entry.formId === session.formId && entry.state === 'rejected') await outbox.forget(entry.id);
    }
    if (!(await outbox.outboxEntry(submissionId))) {
      await outbox.addToOutbox({ id: submissionId, formId: session.formId, envelope });
    }
    await (await draftsModule()).markDraftSent(session.formId, submissionId);
    // Sealed in the outbox: the page needs the files' bytes no more.
    forgetFiles();
    requestBackgroundSync();
    session = null;
    navigation++;
    // The status page takes over: it shows where the report is and sends it.
    location.hash = `#/report/${submissionId}`;
  } catch (error) {
    console.error('the report could not be put in the outbox:', error);
    if (token !== navigation) return;
    if (error.question) askForFileAgain(error.question);
    else renderCheckPage(engine.view(), { focus: 'summary', sendFailed: true });
  } finally {
    sending = false;
  }
}

// Lets go of the bytes of files chosen on this page (files.js), if any were.
function forgetFiles() {
  import('./files.js').then((files) => files.forget()).catch(() => {});
}

// A file chosen before a reload, whose bytes are gone: its question, with an
// error saying to choose it again (answer: its id, GROUP.N.QUESTION in a repeat).
function askForFileAgain(answer) {
  navigation++;
  engine.change(answer);
  const view = engine.view();
  const id = answer.split('.').pop();
  if (view.state === 'question' && view.page.questions.some((question) => question.id === id)) {
    view.errors = [{ question: id, message: t('Choose the file again to send it with your report') }];
  }
  renderView(view, { focus: view.errors?.length ? 'summary' : 'heading' });
}

let keysPromise = null;
function getKeys() {
  keysPromise ??= fetchOk('/api/keys').then((response) => response.json());
  keysPromise.catch(() => { keysPromise = null; });
  return keysPromise;
}

async function requestBackgroundSync() {
  try {
    const registration = await navigator.serviceWorker?.ready;
    await registration?.sync?.register('fd-outbox');
  } catch {
    // No Background Sync here: the page sends on 'online', on start and on a timer.
  }
}

// ---------------------------------------------------------------- delivery

let delivering = null;
let retryTimer = 0;

// Sends what is due in the outbox, verifies every receipt with the engine and
// lets a report go only when its receipt verifies. Then redraws the report
// page, if one is showing, and plans the next try.
function deliver({ force = false } = {}) {
  delivering ??= (async () => {
    try {
      const outbox = await outboxModule();
      const entries = await outbox.sendDue({ force });
      for (const entry of entries) {
        if (entry.state === 'answered') await confirmReceipt(outbox, entry);
      }
      const waiting = (await outbox.outboxEntries()).filter((entry) => entry.state === 'waiting');
      clearTimeout(retryTimer);
      if (waiting.length) {
        const due = Math.min(...waiting.map((entry) => entry.nextAttemptAt));
        retryTimer = setTimeout(() => deliver(), Math.max(1000, due - Date.now()));
      }
    } catch (error) {
      console.error('sending the outbox failed:', error);
    } finally {
      delivering = null;
    }
    refreshReportPage();
  })();
  return delivering;
}

async function confirmReceipt(outbox, entry) {
  const [sealer, keys] = await Promise.all([getCrypto(), getKeys()]);
  const ok = sealer.verifyReceipt(entry.receipt, keys.receipt.public_key,
    { envelope: entry.envelope, submissionId: entry.id });
  if (!ok) {
    // Not a receipt for this report: it stays in the outbox and is sent
    // again later; the keys are fetched afresh in case they changed.
    console.error('the receipt did not verify');
    keysPromise = null;
    await outbox.retryLater(entry, 'the receipt did not verify');
    return;
  }
  await outbox.markDelivered(entry);
  try {
    await (await draftsModule()).deleteSentDraft(entry.formId, entry.id);
  } catch (error) {
    console.error(error);
  }
}

function refreshReportPage() {
  const match = /^#\/report\/([0-9a-f]{32})$/.exec(location.hash);
  if (match) showReport(match[1], 'none', { refresh: true });
}

// Plain words for a refusal, by the problem's type.
function refusalText(problem) {
  return t(refusalWords(problem));
}

function refusalWords(problem) {
  switch (problem?.type) {
    case '/problems/unknown-form-version':
      return 'The form changed after you filled it in. Check your answers, then send your report again.';
    case '/problems/unknown-key':
      return 'Our service changed after you filled in the form. Send your report again.';
    case '/problems/rejected-by-form':
      return 'Some of your answers need to be changed. Check your answers, then send your report again.';
    default:
      return 'Something went wrong with your report. Check your answers, then send your report again.';
  }
}

async function showReport(id, focus, { refresh = false } = {}) {
  const token = refresh ? navigation : ++navigation;
  let entry;
  let sent;
  try {
    if (!refresh) await appLanguage(token);
    const outbox = await outboxModule();
    // Sent first: once a report has arrived, that is what counts.
    sent = await outbox.sentRecord(id);
    entry = sent ? null : await outbox.outboxEntry(id);
  } catch (error) {
    console.error(error);
    if (token === navigation) showProblem({ focus });
    return;
  }
  if (token !== navigation) return;
  if (sent) {
    // Redraw the confirmation only when it changes what is shown.
    if (refresh && appRoot.querySelector('.fd-panel--confirmation')) return;
    // The form's own "what happens next" when the list of forms can be had
    // (it usually can: the service worker keeps it); the general words if not.
    const forms = await getForms().catch(() => []);
    if (token !== navigation) return;
    const form = forms.find((listedForm) => listedForm.id === sent.formId);
    renderConfirmation(sent, refresh ? 'heading' : focus, form ? listed(form, 'next_steps') : []);
    return;
  }
  if (!entry) {
    showProblem({ title: 'Page not found', text: 'We could not find that report on this device.', focus });
    return;
  }
  if (entry.state === 'rejected') {
    if (refresh && appRoot.querySelector('[data-state="rejected"]')) return;
    const title = t('We could not accept your report');
    mount({
      title,
      content: [
        h('div', { 'data-state': 'rejected' }, heading(title)),
        ...paragraphs([refusalText(entry.problem), t('Your answers are still saved on this device.'), t(URGENT_ADVICE)]),
        button(t('Check your answers'), {
          type: 'button',
          on: { click: () => { location.hash = `#/form/${encodeURIComponent(entry.formId)}`; } },
        }),
      ],
      focus: refresh ? 'heading' : focus,
    });
    return;
  }
  const statusText = t(!navigator.onLine
    ? 'Saved on this phone — we’ll send it as soon as you’re back online.'
    : entry.unverified
      ? 'We could not send your report yet: we could not confirm that it arrived safely. It is still saved on this device and we will try again.'
      : entry.attempts > 0
        ? 'We could not send your report yet. It is still saved on this device and we will try again.'
        : 'Sending your report…');
  const existing = appRoot.querySelector('[data-state="waiting"] .fd-status');
  if (refresh && existing) {
    if (existing.textContent !== statusText) existing.textContent = statusText;
    return;
  }
  await askForPersistentStorage();
  if (token !== navigation) return;
  const title = t('Your report is saved on this device');
  mount({
    title,
    content: [
      h('div', { 'data-state': 'waiting' }, heading(title),
        h('p', { class: 'fd-body fd-status', role: 'status' }, statusText)),
      storageWarning(),
      ...paragraphs([
        'You do not need to do anything else. Keep this page open if you can, or come back to it later: we will send your report when there is a connection.',
        'We will show your reference number here when your report has arrived.',
        URGENT_ADVICE,
      ].map(t)),
    ].filter(Boolean),
    focus,
  });
  if (!refresh) deliver();
}

// nextSteps: the form's own, and their lang when not in the page's language.
function renderConfirmation(sent, focus, [nextSteps, lang]) {
  mount({
    title: t('Report sent'),
    content: [
      h('div', { class: 'fd-panel fd-panel--confirmation' },
        h('h1', { class: 'fd-panel__title', tabindex: '-1' }, t('Report sent')),
        h('p', { class: 'fd-panel__body' }, t('Your reference number'), h('br'),
          h('strong', { class: 'fd-panel__reference' }, sent.reference))),
      h('h2', { class: 'fd-heading-m' }, t('What happens next')),
      h('div', { lang }, paragraphs(nextSteps?.length ? nextSteps
        : [t('We have sent your report to the police team that deals with it. They will contact you if they need to know more.')])),
      ...paragraphs([t('Keep your reference number. You will need it if you contact us about this report.')]),
      h('p', { class: 'fd-body' }, h('a', { href: '#/', class: 'fd-link' }, t('Report something else'))),
    ],
    focus,
  });
}

// ---------------------------------------------------------------- start

window.addEventListener('hashchange', () => route({ focus: 'heading' }));
window.addEventListener('online', () => deliver({ force: true }));
window.addEventListener('offline', () => refreshReportPage());
route({ focus: 'none' });
// Start fetching the engine at once (a form's page has already asked for it):
// on a slow connection it is the long wait.
getEngine().catch((error) => console.error('the engine did not load:', error));

// Behind the first page: once the first page is drawn (and not before, so
// that on a slow connection nothing competes with it), the service worker
// (offline use, which fetches everything else), old drafts out, anything left
// in the outbox from an earlier visit sent, and what sending needs.
let behindFirstPage = false;
function afterFirstPage() {
  if (behindFirstPage) return;
  behindFirstPage = true;
  // The start page comes before the engine has arrived: wait for it.
  const engineSettled = (enginePromise ?? Promise.resolve()).catch(() => {});
  engineSettled.then(() => setTimeout(() => {
    navigator.serviceWorker?.register('/sw.js', { type: 'module' })
      .catch((error) => console.error('the service worker did not register:', error));
    draftsModule().then((drafts) => drafts.deleteExpiredDrafts()).catch((error) => console.error(error));
    questionsModule().catch((error) => console.error(error));
    deliver({ force: true });
    getEngine().then(() => Promise.all([getCrypto(), getKeys(), import('./files.js')]))
      .catch((error) => console.error('could not get ready to send:', error));
    if (navigator.storage?.persisted) {
      navigator.storage.persisted().then((persisted) => { if (persisted) storage = 'persisted'; }).catch(() => {});
    }
  }, 0));
}
