// The language select of a form in more than one language (GOV.UK pattern: a
// list of links at the top, the current language as plain text), and the
// notice for a translation its author marked (translation_status). Loaded
// only for such forms, so that it costs the others nothing.

// A language's name in that language ("Polski" for pl): the one a person
// looks for. The languages of the UK's public first (a browser may not know
// their names in themselves), then the browser's; the code if neither knows.
const NAMES = { en: 'English', cy: 'Cymraeg', gd: 'Gàidhlig', ga: 'Gaeilge', pl: 'Polski' };
function nameOf(code) {
  if (NAMES[code]) return NAMES[code];
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code);
    return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
  } catch {
    return code;
  }
}

// Puts the select above the page, and the notice at the top of the page's
// content. h and t come from app.js; form is the view's form; choose(code) switches.
export function showLanguages(h, t, form, choose) {
  const nav = h('nav', { class: 'fd-language-select', 'aria-label': t('Language') },
    h('ul', { class: 'fd-language-select__list' }, form.languages.map((code) => (code === form.language
      ? h('li', { class: 'fd-language-select__item', 'aria-current': 'true', lang: code }, nameOf(code))
      : h('li', { class: 'fd-language-select__item' }, h('a', {
        href: '#',
        class: 'fd-link',
        lang: code,
        hreflang: code,
        on: { click: (event) => { event.preventDefault(); choose(code); } },
      }, nameOf(code)))))));
  document.getElementById('fd-before-main').prepend(nav);
  if (form.translation_status) {
    document.getElementById('fd-app').prepend(h('div', { class: 'fd-inset-text' },
      h('p', { class: 'fd-body' }, t('This translation has not been checked yet. If something is not clear, switch to English.'))));
  }
}
