// The crime report's main path in Polish, keyboard only, at 320 px, against
// the real server and engine: the person chooses Polski on the start page with
// the keyboard, and the choice carries into the form; they meet a Polish error
// message, the repeat group's own messages in Polish (an unanswered add-another
// question, an unnamed second suspect, removed again), look at the delete page,
// send the report with no connection (the outbox's waiting state, and the
// start page's list of waiting reports), and once back online the
// confirmation gives the form's own next steps in Polish. axe (WCAG 2.2 A and
// AA) on every page; focus on each new page's h1; no English app words on the
// app's own pages (assertNoEnglishAppWords).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  REFERENCE, assertFocused, assertNoEnglishAppWords, checkPage, chooseRadio, continueByKeyboard, onPage, openPage,
  serverAndBrowser, tabTo, typeInGroup, typeInto,
} from './helpers.mjs';

const shared = serverAndBrowser();

const dalej = (page) => continueByKeyboard(page, 'Dalej', 20);
const type = (page, label, text) => typeInto(page, label, text, 20);

const START_PL = 'Internetowy posterunek policji';
const DANGER_PL = 'Czy ktoś jest w niebezpieczeństwie albo czy przestępstwo dzieje się teraz?';
const SUMMARY_PL = 'Osoby, o których nam powiedziałeś lub powiedziałaś';
const ANOTHER_PL = 'Czy chcesz powiedzieć nam o kolejnym sprawcy?';
const CHECK_PL = 'Sprawdź odpowiedzi przed wysłaniem zgłoszenia';

test('a person reports a hate crime in Polish by keyboard alone, from the start page to next steps in Polish', { timeout: 300_000 }, async () => {
  // No service worker: offline, the page must make do with what it already holds.
  const page = await openPage(shared.browser, { viewport: { width: 320, height: 640 }, serviceWorkers: 'block' });
  const context = page.context();
  await page.goto(`${shared.server.url}/`);
  await page.getByRole('heading', { level: 1, name: 'Online police station', exact: true }).waitFor();

  // Polski, chosen with the keyboard from the top of the start page.
  const polski = page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Polski' });
  await polski.waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, polski, 'the "Polski" link');
  await page.keyboard.press('Enter');
  await onPage(page, START_PL);
  await page.getByText('To tłumaczenie nie zostało jeszcze sprawdzone.', { exact: false }).waitFor();
  await assertNoEnglishAppWords(page, 'the start page');
  // Each form in Polish where it has it; a form without Polish is marked as English.
  await page.getByRole('heading', { level: 2, name: 'Zgłoś przestępstwo' }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 2, name: 'Report a stolen bike' }).getAttribute('lang'), 'en');

  // The choice carries into the form.
  const start = page.getByRole('link', { name: 'Rozpocznij – Zgłoś przestępstwo' });
  await tabTo(page, start, 'Rozpocznij', 40);
  await page.keyboard.press('Enter');
  await onPage(page, DANGER_PL);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pl');

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
  await page.getByText('Osoba 1', { exact: true }).waitFor();
  await type(page, 'Imię i nazwisko, jeśli je znasz', 'Gary');
  await chooseRadio(page, 'Skąd znasz tę osobę?', 'To sąsiad albo sąsiadka');
  await dalej(page);

  // The repeat group's summary and its own messages, in Polish.
  await onPage(page, SUMMARY_PL);
  await page.getByRole('main').getByText('Gary').first().waitFor();
  await dalej(page);
  await page.getByRole('link', { name: 'Wybierz „Tak”, jeśli chcesz powiedzieć nam o kolejnym sprawcy' }).waitFor();
  await checkPage(page, 'Polish, the repeat\'s error message');
  await assertNoEnglishAppWords(page, 'the repeat\'s error message');
  await chooseRadio(page, ANOTHER_PL, 'Tak');
  await dalej(page);

  // A second person, name not known: listed as such, then removed.
  await onPage(page, 'Informacje o sprawcy');
  await page.getByText('Osoba 2', { exact: true }).waitFor();
  await chooseRadio(page, 'Skąd znasz tę osobę?', 'To sąsiad albo sąsiadka');
  await dalej(page);
  await onPage(page, SUMMARY_PL);
  await page.getByRole('main').getByText('Osoba 2 (imię i nazwisko nieznane)', { exact: true }).waitFor();
  await assertNoEnglishAppWords(page, 'the repeat\'s summary');
  await tabTo(page, page.getByRole('link', { name: 'Usuń Osoba 2', exact: true }), 'Usuń Osoba 2', 20);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Usunięto: Osoba 2 (imię i nazwisko nieznane).' }).waitFor();
  await onPage(page, SUMMARY_PL);
  await chooseRadio(page, ANOTHER_PL, 'Nie');
  await dalej(page);

  await onPage(page, 'Czy ktoś jeszcze widział, co się stało?');
  await chooseRadio(page, 'Czy ktoś jeszcze widział, co się stało?', 'Nie');
  await dalej(page);

  await onPage(page, 'Gdzie to się stało');
  await type(page, 'Kod pocztowy miejsca zdarzenia', 'N7 8AA');
  await type(page, 'Opisz to miejsce', 'Na klatce schodowej przed moim mieszkaniem');
  await dalej(page);

  await onPage(page, 'Informacje o Tobie');
  await chooseRadio(page, 'Ile masz lat?', '18 lat albo więcej');
  await chooseRadio(page, 'Komu to się przydarzyło?', 'Mnie');
  await dalej(page);

  await onPage(page, 'Jak możemy się z Tobą skontaktować?');
  await type(page, 'Twoje imię i nazwisko', 'Zofia Testowa-Wiśniewska');
  await chooseRadio(page, 'Jak chcesz, żebyśmy się z Tobą kontaktowali?', 'E-mail');
  await type(page, 'Adres e-mail', 'zofia@example.com');
  await dalej(page);

  await onPage(page, 'Wsparcie');
  await chooseRadio(page, 'Czy chcesz, żebyśmy poprosili Victim Support o kontakt z Tobą?', 'Tak');
  await dalej(page);

  await onPage(page, CHECK_PL);
  const rows = new Map(await page.getByRole('main').locator('dl > div').evaluateAll((divs) => divs.map((div) => [
    div.querySelector('dt').textContent.trim(), div.querySelector('dd').textContent.trim()])));
  assert.ok([...rows.values()].includes('Gary'), 'the suspect\'s name is on check your answers');
  assert.ok(![...rows.keys()].some((key) => key.startsWith('Osoba 2')), 'the removed person is not on check your answers');
  assert.equal(rows.get('Kod pocztowy miejsca zdarzenia'), 'N7 8AA');
  assert.match(rows.get('Jak myślisz, dlaczego wybrali właśnie Ciebie?') ?? '', /Rasa, kolor skóry albo pochodzenie/);
  assert.equal(rows.get('Kiedy to się stało?'), '26 listopada 2026');
  await assertNoEnglishAppWords(page, 'check your answers');

  // The delete page, in Polish; back to the answers, still there.
  await tabTo(page, page.getByRole('link', { name: 'Usuń swoje odpowiedzi z tego urządzenia' }), 'the delete link', 80);
  await page.keyboard.press('Enter');
  await onPage(page, 'Usuń swoje odpowiedzi z tego urządzenia');
  await page.getByRole('button', { name: 'Usuń moje odpowiedzi' }).waitFor();
  await assertNoEnglishAppWords(page, 'the delete page');
  await page.goBack();
  await onPage(page, CHECK_PL);

  // Sent with no connection: the outbox's waiting state, in Polish.
  await context.setOffline(true);
  await tabTo(page, page.getByRole('button', { name: 'Wyślij zgłoszenie' }), 'Wyślij zgłoszenie', 80);
  await page.keyboard.press('Enter');
  await onPage(page, 'Twoje zgłoszenie jest zapisane na tym urządzeniu');
  await page.getByRole('status').filter({ hasText: 'Zapisano w telefonie — wyślemy je, gdy tylko połączenie wróci.' }).waitFor();
  await assertNoEnglishAppWords(page, 'the report waiting to be sent');
  const reportUrl = page.url();

  // The start page lists it, in Polish.
  await page.evaluate(() => { location.hash = '#/'; });
  await onPage(page, START_PL);
  const waiting = page.getByRole('link', { name: 'Zgłoś przestępstwo', exact: true });
  await waiting.waitFor();
  await page.getByText('Zgłoszenia zapisane na tym urządzeniu').waitFor();
  await page.getByText('– czeka na wysłanie', { exact: false }).waitFor();
  await assertNoEnglishAppWords(page, 'the start page, a report waiting');

  // Back online, the report arrives; the form's own next steps, in Polish.
  await context.setOffline(false);
  await tabTo(page, waiting, 'the waiting report', 40);
  await page.keyboard.press('Enter');
  assert.equal(page.url(), reportUrl);
  const sent = page.getByRole('heading', { level: 1, name: 'Zgłoszenie wysłane', exact: true });
  await sent.waitFor({ timeout: 30_000 });
  await assertFocused(sent, 'the h1 "Zgłoszenie wysłane"');
  await checkPage(page, 'Zgłoszenie wysłane');
  await page.getByText(REFERENCE).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Co dalej' }).waitFor();
  await page.getByText('Przeczytamy Twoje zgłoszenie w ciągu 24 godzin', { exact: false }).waitFor();
  assert.equal(await page.getByText('We will read your report within 24 hours', { exact: false }).count(), 0);
  await assertNoEnglishAppWords(page, 'report sent');
  await context.close();
});
