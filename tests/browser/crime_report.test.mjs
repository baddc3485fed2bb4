// The crime report's main path, keyboard only, at 320 px, against the real
// server and engine: a hate crime in Islington by a neighbour known only by
// name. axe (WCAG 2.2 A and AA) on every page; focus on each new page's h1;
// the report arrives with a verified reference and the form's own "what
// happens next".
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  CHECK, REFERENCE, chooseRadio, continueByKeyboard, finishCrimeReport, onPage, openPage, sendByKeyboard, serverAndBrowser,
  tabTo, typeInGroup, typeInto,
} from './helpers.mjs';

const shared = serverAndBrowser();

test('a person reports a hate crime by keyboard alone, from danger to a reference number', { timeout: 240_000 }, async () => {
  const page = await openPage(shared.browser, { viewport: { width: 320, height: 640 } });
  await page.goto(`${shared.server.url}/#/form/crime-report`);

  await onPage(page, 'Is anyone in danger, or is the crime happening now?', { focused: false });
  await chooseRadio(page, 'Is anyone in danger, or is the crime happening now?', 'No');
  await continueByKeyboard(page);

  await onPage(page, 'Where did it happen?');
  await chooseRadio(page, 'Where did it happen?', 'In London');
  await continueByKeyboard(page);

  await onPage(page, 'What happened?');
  await chooseRadio(page, 'What happened?', 'Someone targeted me or others because of who we are');
  await continueByKeyboard(page);

  await onPage(page, 'Why you were targeted');
  await tabTo(page, page.getByRole('checkbox', { name: 'Race, colour or where I am from' }), 'the first reason');
  await page.keyboard.press('Space');
  await chooseRadio(page, 'What did they do?', 'Shouted, said or wrote something');
  await continueByKeyboard(page);

  await onPage(page, 'When did it happen?');
  await typeInGroup(page, 'When did it happen?', 'Day', '26');
  await typeInGroup(page, 'When did it happen?', 'Month', '11');
  await typeInGroup(page, 'When did it happen?', 'Year', '2026');
  await continueByKeyboard(page);

  await onPage(page, 'Do you know who did it, or can you describe them?');
  await chooseRadio(page, 'Do you know who did it, or can you describe them?', 'Yes');
  await continueByKeyboard(page);

  await onPage(page, 'About the person who did it');
  await typeInto(page, 'Their name, if you know it', 'Gary');
  await chooseRadio(page, 'How do you know them?', 'They are a neighbour');
  await continueByKeyboard(page);

  // A repeat group: the summary lists the person by name, and asks about another.
  await onPage(page, 'People you have told us about');
  await page.getByRole('main').getByText('Gary').first().waitFor();
  await chooseRadio(page, 'Do you want to tell us about another person who did it?', 'No');
  await continueByKeyboard(page);

  await finishCrimeReport(page, {
    postcode: 'N7 8AA', place: 'On the landing outside my flat', name: 'Rosa Quintero-Testperson', email: 'rosa@example.com',
    victimSupport: 'Yes',
  });

  await onPage(page, CHECK);
  const rows = new Map(await page.getByRole('main').locator('dl > div').evaluateAll((divs) => divs.map((div) => [
    div.querySelector('dt').textContent.trim(), div.querySelector('dd').textContent.trim()])));
  assert.ok([...rows.values()].includes('Gary'), 'the suspect\'s name is on check your answers');
  assert.equal(rows.get('Postcode where it happened'), 'N7 8AA');
  assert.match(rows.get('Why do you think they targeted you?') ?? '', /Race, colour or where I am from/);
  assert.equal(rows.has('What does the person look like?'), false);

  await sendByKeyboard(page);
  await onPage(page, 'Report sent');
  await page.getByText(REFERENCE).waitFor();
  await page.getByText('We will read your report within 24 hours', { exact: false }).waitFor();
  await page.context().close();
});
