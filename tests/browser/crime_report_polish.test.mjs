// The crime report's main path in Polish, keyboard only, at 320 px, against
// the real server and engine: the person switches to Polski with the keyboard,
// meets a Polish error message, reports a hate crime in Islington by a
// neighbour known only by name, and the confirmation gives the form's own
// next steps in Polish. axe (WCAG 2.2 A and AA) on every page; focus on each
// new page's h1.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { REFERENCE, assertFocused, checkPage, openPage, serverAndBrowser, tabTo } from './helpers.mjs';

const shared = serverAndBrowser();

async function onPage(page, heading, { focused = true } = {}) {
  const h1 = page.getByRole('heading', { level: 1, name: heading, exact: true });
  await h1.waitFor();
  if (focused) await assertFocused(h1, `the h1 "${heading}"`);
  await checkPage(page, heading);
}

async function chooseRadio(page, group, option) {
  const radios = page.getByRole('group', { name: group, exact: true }).getByRole('radio');
  await tabTo(page, radios.first(), `the first radio of "${group}"`, 20);
  await page.keyboard.press('Space');
  const wanted = page.getByRole('group', { name: group, exact: true }).getByRole('radio', { name: option, exact: true });
  const count = await radios.count();
  for (let i = 0; i < count && !(await wanted.isChecked()); i++) await page.keyboard.press('ArrowDown');
  assert.ok(await wanted.isChecked(), `"${option}" is chosen in "${group}"`);
}

async function typeInto(page, label, text) {
  const field = page.getByLabel(label, { exact: true });
  await tabTo(page, field, `"${label}"`, 20);
  await page.keyboard.type(text);
}

async function typeInGroup(page, group, label, text) {
  const field = page.getByRole('group', { name: group, exact: true }).getByLabel(label, { exact: true });
  await tabTo(page, field, `${label} of "${group}"`);
  await page.keyboard.type(text);
}

async function dalej(page) {
  await tabTo(page, page.getByRole('button', { name: 'Dalej' }), 'Dalej', 20);
  await page.keyboard.press('Enter');
}

const DANGER_PL = 'Czy ktoś jest w niebezpieczeństwie albo czy przestępstwo dzieje się teraz?';

test('a person reports a hate crime in Polish by keyboard alone, to next steps in Polish', { timeout: 240_000 }, async () => {
  const page = await openPage(shared.browser, { viewport: { width: 320, height: 640 } });
  await page.goto(`${shared.server.url}/#/form/crime-report`);
  await page.getByRole('heading', { level: 1, name: 'Is anyone in danger, or is the crime happening now?', exact: true }).waitFor();

  // Polski, chosen with the keyboard from the top of the page.
  const polski = page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Polski' });
  await polski.waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, polski, 'the "Polski" link');
  await page.keyboard.press('Enter');
  await onPage(page, DANGER_PL);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pl');
  await page.getByText('To tłumaczenie nie zostało jeszcze sprawdzone.', { exact: false }).waitFor();

  // Dalej without an answer: the form's own message, in Polish.
  await dalej(page);
  await page.getByRole('heading', { level: 2, name: 'Wystąpił problem' }).waitFor();
  await page.getByRole('link', { name: 'Wybierz „Tak”, jeśli ktoś jest w niebezpieczeństwie albo przestępstwo dzieje się teraz' }).waitFor();
  await checkPage(page, 'Polish, the form\'s error message');
  await chooseRadio(page, DANGER_PL, 'Nie');
  await dalej(page);

  await onPage(page, 'Gdzie to się stało?');
  await chooseRadio(page, 'Gdzie to się stało?', 'W Londynie');
  await dalej(page);

  await onPage(page, 'Co się stało?');
  await chooseRadio(page, 'Co się stało?', 'Ktoś zaatakował lub obraził mnie albo innych z powodu tego, kim jesteśmy');
  await dalej(page);

  await onPage(page, 'Dlaczego wybrali właśnie Ciebie');
  await tabTo(page, page.getByRole('checkbox', { name: 'Rasa, kolor skóry albo pochodzenie' }), 'the first reason');
  await page.keyboard.press('Space');
  await chooseRadio(page, 'Co zrobili?', 'Krzyczeli, mówili albo pisali coś');
  await dalej(page);

  await onPage(page, 'Kiedy to się stało?');
  await typeInGroup(page, 'Kiedy to się stało?', 'Dzień', '26');
  await typeInGroup(page, 'Kiedy to się stało?', 'Miesiąc', '11');
  await typeInGroup(page, 'Kiedy to się stało?', 'Rok', '2026');
  await dalej(page);

  await onPage(page, 'Czy wiesz, kto to zrobił, albo czy możesz tę osobę opisać?');
  await chooseRadio(page, 'Czy wiesz, kto to zrobił, albo czy możesz tę osobę opisać?', 'Tak');
  await dalej(page);

  await onPage(page, 'Informacje o sprawcy');
  await typeInto(page, 'Imię i nazwisko, jeśli je znasz', 'Gary');
  await chooseRadio(page, 'Skąd znasz tę osobę?', 'To sąsiad albo sąsiadka');
  await dalej(page);

  // The repeat group's summary, in Polish.
  await onPage(page, 'Osoby, o których nam powiedziałeś lub powiedziałaś');
  await page.getByRole('main').getByText('Gary').first().waitFor();
  await chooseRadio(page, 'Czy chcesz powiedzieć nam o kolejnym sprawcy?', 'Nie');
  await dalej(page);

  await onPage(page, 'Czy ktoś jeszcze widział, co się stało?');
  await chooseRadio(page, 'Czy ktoś jeszcze widział, co się stało?', 'Nie');
  await dalej(page);

  await onPage(page, 'Gdzie to się stało');
  await typeInto(page, 'Kod pocztowy miejsca zdarzenia', 'N7 8AA');
  await typeInto(page, 'Opisz to miejsce', 'Na klatce schodowej przed moim mieszkaniem');
  await dalej(page);

  await onPage(page, 'Informacje o Tobie');
  await chooseRadio(page, 'Ile masz lat?', '18 lat albo więcej');
  await chooseRadio(page, 'Komu to się przydarzyło?', 'Mnie');
  await dalej(page);

  await onPage(page, 'Jak możemy się z Tobą skontaktować?');
  await typeInto(page, 'Twoje imię i nazwisko', 'Zofia Testowa-Wiśniewska');
  await chooseRadio(page, 'Jak chcesz, żebyśmy się z Tobą kontaktowali?', 'E-mail');
  await typeInto(page, 'Adres e-mail', 'zofia@example.com');
  await dalej(page);

  await onPage(page, 'Wsparcie');
  await chooseRadio(page, 'Czy chcesz, żebyśmy poprosili Victim Support o kontakt z Tobą?', 'Tak');
  await dalej(page);

  await onPage(page, 'Sprawdź odpowiedzi przed wysłaniem zgłoszenia');
  const rows = new Map(await page.getByRole('main').locator('dl > div').evaluateAll((divs) => divs.map((div) => [
    div.querySelector('dt').textContent.trim(), div.querySelector('dd').textContent.trim()])));
  assert.ok([...rows.values()].includes('Gary'), 'the suspect\'s name is on check your answers');
  assert.equal(rows.get('Kod pocztowy miejsca zdarzenia'), 'N7 8AA');
  assert.match(rows.get('Jak myślisz, dlaczego wybrali właśnie Ciebie?') ?? '', /Rasa, kolor skóry albo pochodzenie/);
  assert.equal(rows.get('Kiedy to się stało?'), '26 listopada 2026');

  await tabTo(page, page.getByRole('button', { name: 'Wyślij zgłoszenie' }), 'Wyślij zgłoszenie', 60);
  await page.keyboard.press('Enter');
  await onPage(page, 'Zgłoszenie wysłane');
  await page.getByText(REFERENCE).waitFor();
  // The form's own next steps, in Polish.
  await page.getByRole('heading', { level: 2, name: 'Co dalej' }).waitFor();
  await page.getByText('Przeczytamy Twoje zgłoszenie w ciągu 24 godzin', { exact: false }).waitFor();
  assert.equal(await page.getByText('We will read your report within 24 hours', { exact: false }).count(), 0);
  await page.context().close();
});
