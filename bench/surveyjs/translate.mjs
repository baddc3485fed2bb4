#!/usr/bin/env node
// Translates a frontdesk form (docs/forms-language.md) into SurveyJS JSON, so
// that both engines can be measured on the same form (bench/peers.mjs). The
// translation and what does not map one to one are described in
// BENCHMARKS.md ("The forms engine beside SurveyJS").
//
//   node bench/surveyjs/translate.mjs FORM.json > OUT.json
//
// In short: questions map to SurveyJS questions with their author's messages
// as validators; expressions are parsed (the grammar of the forms language)
// and rewritten into SurveyJS's expression syntax, with a few functions
// SurveyJS lacks registered as custom functions (SURVEYJS_FUNCTIONS below);
// the page graph (routes, first match wins) becomes one calculated value per
// page saying where that page goes (`_route_PAGE`) and one saying whether the
// page is on the journey (`_on_PAGE`), which the page's visibleIf reads;
// exit pages are pages without navigation buttons; team
// routing becomes calculated values; lookup tables are written inline; a
// repeat group ("add another") becomes a dynamic panel (paneldynamic) whose
// template holds the page's questions, and count/any/all/sum over it become
// SurveyJS's countInArray and sumInArray.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------- parser ---

function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(text.slice(i));
      tokens.push({ kind: 'number', value: m[0] });
      i += m[0].length;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unterminated text in ${text}`);
      tokens.push({ kind: 'string', value: text.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      tokens.push({ kind: 'name', value: m[0] });
      i += m[0].length;
    } else {
      const two = text.slice(i, i + 2);
      if (['<=', '>=', '!=', '==', '<>'].includes(two)) {
        tokens.push({ kind: 'op', value: two === '==' ? '=' : two === '<>' ? '!=' : two });
        i += 2;
      } else if ('=<>+-*/()[],'.includes(c)) {
        tokens.push({ kind: 'op', value: c });
        i++;
      } else {
        throw new Error(`unexpected '${c}' in ${text}`);
      }
    }
  }
  return tokens;
}

// The grammar of docs/forms-language.md, into a tree of
// { op, left, right } | { not } | { neg } | { call, args } | { list } | { name } | { number } | { string } | { bool }.
function parse(text) {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const isWord = (word) => peek()?.kind === 'name' && peek().value === word;
  const isOp = (op) => peek()?.kind === 'op' && peek().value === op;
  const expect = (op) => {
    if (!isOp(op)) throw new Error(`expected '${op}' in ${text}`);
    at++;
  };
  const binary = (next, ops, words = false) => () => {
    let left = next();
    while ((words ? ops.some(isWord) : ops.some(isOp))) {
      const op = tokens[at++].value;
      left = { op, left, right: next() };
    }
    return left;
  };
  const primary = () => {
    const t = tokens[at++];
    if (!t) throw new Error(`unexpected end of ${text}`);
    if (t.kind === 'number') return { number: t.value };
    if (t.kind === 'string') return { string: t.value };
    if (t.kind === 'op' && t.value === '(') {
      const e = expression();
      expect(')');
      return e;
    }
    if (t.kind === 'op' && t.value === '[') {
      const list = [];
      if (!isOp(']')) do list.push(expression()); while (isOp(',') && ++at);
      expect(']');
      return { list };
    }
    if (t.kind === 'name') {
      if (t.value === 'true' || t.value === 'false') return { bool: t.value === 'true' };
      if (isOp('(')) {
        at++;
        const args = [];
        if (!isOp(')')) do args.push(expression()); while (isOp(',') && ++at);
        expect(')');
        return { call: t.value, args };
      }
      return { name: t.value };
    }
    throw new Error(`unexpected '${t.value}' in ${text}`);
  };
  const unary = () => (isOp('-') ? (at++, { neg: unary() }) : primary());
  const product = binary(unary, ['*', '/']);
  const sum = binary(product, ['+', '-']);
  const comparison = () => {
    const left = sum();
    for (const op of ['=', '!=', '<', '<=', '>', '>=']) {
      if (isOp(op)) { at++; return { op, left, right: sum() }; }
    }
    if (isWord('in')) { at++; return { op: 'in', left, right: sum() }; }
    return left;
  };
  const not = () => (isWord('not') ? (at++, { not: not() }) : comparison());
  const and = binary(not, ['and'], true);
  const or = binary(and, ['or'], true);
  const expression = or;
  const tree = expression();
  if (at !== tokens.length) throw new Error(`unexpected '${tokens[at].value}' in ${text}`);
  return tree;
}

// ----------------------------------------------------------- translation ---

// Functions of the forms language that SurveyJS does not have, registered with
// FunctionFactory (SurveyJS's documented extension point) by the page that
// runs the survey: bench/peers.mjs and any host page must do the same.
export const SURVEYJS_FUNCTIONS = {
  fd_lower: ([t]) => (t == null ? t : String(t).toLowerCase()),
  fd_upper: ([t]) => (t == null ? t : String(t).toUpperCase()),
  fd_trim: ([t]) => (t == null ? t : String(t).trim()),
  fd_length: ([t]) => (t == null ? t : [...String(t)].length),
  fd_starts_with: ([t, part]) => (t == null || part == null ? undefined : String(t).startsWith(String(part))),
  fd_district: ([p]) => (p == null ? p : String(p).toUpperCase().replace(/\s+/g, '').slice(0, -3)),
  fd_any: ([list]) => Array.isArray(list) && list.some(Boolean),
  fd_all: ([list]) => Array.isArray(list) && list.every(Boolean),
  fd_date: ([y, m, d]) => (d == null ? String(y) : `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fd_answered: ([x]) => !(x == null || x === '' || (Array.isArray(x) && x.length === 0)),
  fd_lookup: ([table, key]) => (key == null ? undefined : TABLES.get(table)?.[key]),
  fd_days_between: ([from, to]) => (from == null || to == null ? undefined : Math.round((Date.parse(to) - Date.parse(from)) / 86400000)),
};

export function registerSurveyJSFunctions(Survey) {
  for (const [name, f] of Object.entries(SURVEYJS_FUNCTIONS)) Survey.FunctionFactory.Instance.register(name, f);
}

// Makes a translated survey's big lookup tables (its fdTables) known to fd_lookup.
export function registerSurveyJSTables(json) {
  for (const [name, table] of Object.entries(json.fdTables ?? {})) TABLES.set(name, table);
}

// Tables with more entries than this are read by fd_lookup instead of written inline.
const INLINE_TABLE = 20;
// The tables of the surveys loaded so far (fdTables), for fd_lookup.
const TABLES = new Map();

const quote = (s) => (s.includes("'") ? `"${s}"` : `'${s}'`);
// A text of the form (a string, or one per language: {"en": …, "pl": …}) as a
// SurveyJS localizable string: {"default": English, "pl": …}.
const localized = (t) => {
  if (t === undefined || typeof t === 'string') return t;
  const { en, ...others } = t;
  return { default: en ?? Object.values(t)[0], ...others };
};
// The English of a text, for messages the translation writes itself.
const english = (t) => (t === undefined || typeof t === 'string' ? t : t.en ?? Object.values(t)[0]);
// Builds one localizable string from several texts: f gets each one's words in a language.
const combine = (texts, f) => {
  const languages = new Set(texts.flatMap((t) => (typeof t === 'object' ? Object.keys(t) : [])));
  if (!languages.size) return f(texts);
  const pick = (language) => texts.map((t) => (typeof t === 'object' ? t[language] ?? english(t) : t));
  return localized(Object.fromEntries([...languages].map((language) => [language, f(pick(language))])));
};
const variable = (id) => `{${id}}`;
const safe = (id) => id.replace(/[^A-Za-z0-9_]/g, '_');

class Translator {
  // options.routes false: no page graph (every page shown), for a lower bound.
  constructor(form, tables, options = {}) {
    this.routes = options.routes ?? true;
    this.form = form;
    this.tables = tables;
    this.usedTables = {};
    this.types = new Map();
    for (const page of form.pages) for (const q of page.questions ?? []) this.types.set(q.id, q.type);
    // Repeat groups: group id → its page; question id → its group.
    this.groups = new Map();
    this.groupOf = new Map();
    for (const page of form.pages) {
      if (!page.repeat) continue;
      this.groups.set(page.repeat.id, page);
      for (const q of page.questions ?? []) this.groupOf.set(q.id, page.repeat.id);
    }
    // Where an expression is read: outside any repeat (null), in a repeat
    // page's template ({ panel: GROUP }: its own answers are {panel.x}), or in
    // countInArray's condition ({ item: GROUP }: one entry's answers are {x}).
    this.scope = null;
    for (const c of form.calculations ?? []) this.types.set(c.id, this.typeOf(parse(c.value)));
  }

  // Only what the translation needs to know: is it a date (for + and -)?
  typeOf(node) {
    if (node.name) return this.types.get(node.name) === 'date' ? 'date' : this.types.get(node.name);
    if (node.call === 'today' || node.call === 'date') return 'date';
    if (node.op === '+' || node.op === '-') {
      const l = this.typeOf(node.left);
      const r = this.typeOf(node.right);
      if (l === 'date' && r === 'date') return 'number';
      if (l === 'date' || r === 'date') return 'date';
    }
    return 'other';
  }

  expr(node) {
    const e = (n) => this.expr(n);
    if (node.number !== undefined) return node.number;
    if (node.string !== undefined) return quote(node.string);
    if (node.bool !== undefined) return String(node.bool);
    if (node.name !== undefined) {
      const group = this.groupOf.get(node.name);
      if (this.scope?.panel && group === this.scope.panel) return `{panel.${node.name}}`;
      if (this.scope?.item) {
        // countInArray runs its condition on one entry's values alone.
        if (group !== this.scope.item) throw new Error(`${node.name}: SurveyJS's countInArray reads only the entry's own answers`);
        return variable(node.name);
      }
      if (group) throw new Error(`${node.name} is asked once for each entry of ${group}: use it in any, all or sum`);
      return variable(node.name);
    }
    if (node.list) return `[${node.list.map(e).join(', ')}]`;
    if (node.neg) return `(0 - ${e(node.neg)})`;
    if (node.not) return `!(${e(node.not)})`;
    if (node.op) {
      const { op, left, right } = node;
      if (op === 'in') {
        // x in ['a', 'b'] → one comparison each; x in a list question → contains.
        if (right.list) return `(${right.list.map((item) => `${e(left)} = ${e(item)}`).join(' or ') || 'false'})`;
        return `(${e(right)} contains ${e(left)})`;
      }
      if (op === '-' && this.typeOf(left) === 'date' && this.typeOf(right) === 'date') return `fd_days_between(${e(right)}, ${e(left)})`;
      if ((op === '+' || op === '-') && this.typeOf(left) === 'date') return `dateAdd(${e(left)}, ${op === '-' ? `0 - ${e(right)}` : e(right)}, 'days')`;
      return `(${e(left)} ${op} ${e(right)})`;
    }
    const args = node.args ?? [];
    // SurveyJS's `notempty` follows a {name} only, not a call or parentheses.
    const answered = (a) => (a.name !== undefined ? `(${e(a)} notempty)` : `fd_answered(${e(a)})`);
    switch (node.call) {
      case 'answered': return answered(args[0]);
      case 'coalesce': return args.slice(0, -1).reduceRight((rest, a) => `iif(${answered(a)}, ${e(a)}, ${rest})`, e(args.at(-1)));
      case 'if': return `iif(${e(args[0])}, ${e(args[1])}, ${e(args[2])})`;
      case 'count':
        // The number of entries. SurveyJS clears the value of a panel off the
        // journey (clearInvisibleValues), where {group.length} is then empty:
        // the engine's count is 0 there.
        if (this.groups.has(args[0].name)) return `iif({${args[0].name}} empty, 0, {${args[0].name}.length})`;
        return `count(${e(args[0])})`;
      case 'sum': return this.sumOver(args[0].name, args[1]);
      case 'any': case 'all':
        if (args.length === 2) return this.anyAll(node.call, args[0].name, args[1]);
        return `fd_${node.call}(${args.map(e).join(', ')})`;
      case 'contains':
        return `(${e(args[0])} contains ${e(args[1])})`;
      case 'today': return 'today()';
      case 'date': return args.length === 1 ? e(args[0]) : `fd_date(${args.map(e).join(', ')})`;
      case 'year': return `year(${e(args[0])})`;
      case 'month': return `month(${e(args[0])})`;
      case 'days_between': return `fd_days_between(${e(args[0])}, ${e(args[1])})`;
      case 'age_on': return `dateDiff(${e(args[0])}, ${e(args[1])}, 'years')`;
      case 'min': case 'max': return `${node.call}(${args.map(e).join(', ')})`;
      case 'lookup': {
        // A small table is written inline, one comparison per entry; a big one
        // (SurveyJS's parser does not take hundreds of nested iif) is read by a
        // custom function from the tables the translation carries (fdTables).
        const table = this.tables[args[0].string];
        if (!table) throw new Error(`lookup of an unknown table ${args[0].string}`);
        const key = e(args[1]);
        const entries = Object.entries(table);
        if (entries.length > INLINE_TABLE) {
          this.usedTables[args[0].string] = table;
          return `fd_lookup(${quote(args[0].string)}, ${key})`;
        }
        return entries.reduceRight((rest, [k, v]) => `iif(${key} = ${quote(k)}, ${quote(v)}, ${rest})`, "''");
      }
      case 'lower': case 'upper': case 'trim': case 'length': case 'starts_with': case 'district':
        return `fd_${node.call}(${args.map(e).join(', ')})`;
      default: throw new Error(`no SurveyJS translation for ${node.call}()`);
    }
  }

  condition(text, scope = null) {
    const outer = this.scope;
    this.scope = scope;
    try {
      return this.expr(parse(text));
    } finally {
      this.scope = outer;
    }
  }

  // sum(group, x) and sum(group, coalesce(x, 0)): SurveyJS's sumInArray adds
  // the entries' x, leaving out those where x is unanswered, as the engine does.
  sumOver(group, node) {
    if (!this.groups.has(group)) throw new Error(`sum over ${group}, which is not a repeat group`);
    const inner = node.call === 'coalesce' && node.args.length === 2 && node.args[1].number !== undefined && Number(node.args[1].number) === 0 ? node.args[0] : node;
    if (inner.name === undefined || this.groupOf.get(inner.name) !== group) {
      throw new Error(`sum(${group}, …): SurveyJS's sumInArray adds one question of the entries, not an expression`);
    }
    return `sumInArray({${group}}, ${quote(inner.name)})`;
  }

  // any/all(group, condition): SurveyJS's countInArray counts the entries
  // where a named question is answered and the condition holds. Naming a
  // question every entry answers (required, always shown) counts every entry
  // that meets the condition: any is "more than none", all is "as many as
  // there are entries" (all of no entries holds, as in the engine).
  anyAll(fn, group, node) {
    const page = this.groups.get(group);
    if (!page) throw new Error(`${fn} over ${group}, which is not a repeat group`);
    const every = (page.questions ?? []).find((q) => q.required && !q.show_if && q.type !== 'content');
    if (!every) throw new Error(`${fn}(${group}, …): SurveyJS's countInArray needs a question every entry answers (required, no show_if)`);
    const outer = this.scope;
    this.scope = { item: group };
    let condition;
    try {
      condition = this.expr(node);
    } finally {
      this.scope = outer;
    }
    const matching = `countInArray({${group}}, ${quote(every.id)}, ${condition})`;
    return fn === 'any' ? `(${matching} > 0)` : `(${matching} = countInArray({${group}}, ${quote(every.id)}))`;
  }

  // scope: { panel: GROUP } for a question of a repeat page (its template).
  question(q, scope = null) {
    const out = { name: q.id, title: localized(q.label) };
    // How the question's own answer is read in its expressions.
    const self = scope ? `{panel.${q.id}}` : variable(q.id);
    const named = english(q.name ?? q.label);
    const label = named && `${named[0].toUpperCase()}${named.slice(1)}`;
    if (q.hint) out.description = localized(q.hint);
    if (q.show_if) out.visibleIf = this.condition(q.show_if, scope);
    if (q.required) {
      out.isRequired = true;
      if (q.messages?.required) out.requiredErrorText = localized(q.messages.required);
    }
    if (q.autocomplete) out.autocomplete = q.autocomplete;
    const validators = [];
    const message = (rule, fallback) => localized(q.messages?.[rule]) ?? fallback;
    const choices = () => (q.options ?? []).map((o) => ({ value: o.value, text: localized(o.label) }));
    const regex = (pattern, rule, fallback) => validators.push({ type: 'regex', regex: pattern, text: message(rule, fallback) });
    switch (q.type) {
      case 'text':
        out.type = 'text';
        if (q.format === 'email') { out.inputType = 'email'; validators.push({ type: 'email', text: message('format', 'Enter an email address in the correct format, like name@example.com') }); }
        if (q.format === 'uk_postcode') regex(POSTCODE, 'format', 'Enter a full UK postcode, like SW1A 2JR');
        if (q.format === 'uk_phone') { out.inputType = 'tel'; regex(PHONE, 'format', 'Enter a telephone number, like 01632 960 001 or 07700 900 982'); }
        if (q.format === 'vehicle_registration') regex(REGISTRATION, 'format', 'Enter a vehicle registration in the correct format, like AB12 CDE');
        break;
      case 'textarea': out.type = 'comment'; break;
      case 'radios': out.type = 'radiogroup'; out.choices = choices(); break;
      case 'select': out.type = 'dropdown'; out.choices = choices(); break;
      case 'checkboxes': out.type = 'checkbox'; out.choices = choices(); break;
      case 'yes_no': out.type = 'boolean'; out.renderAs = 'radio'; out.labelTrue = 'Yes'; out.labelFalse = 'No'; break;
      case 'number': case 'decimal': case 'money':
        out.type = 'text';
        if (q.type === 'money') { out.maskType = 'currency'; out.maskSettings = { prefix: '£', precision: 2 }; } else out.inputType = 'number';
        if (q.min !== undefined || q.max !== undefined) {
          validators.push({ type: 'numeric', minValue: q.min, maxValue: q.max,
            text: message(q.max !== undefined ? 'max' : 'min', `${label} must be between ${q.min} and ${q.max}`) });
        }
        break;
      case 'date':
        out.type = 'text';
        out.inputType = 'date';
        if (q.min) out.min = q.min;
        if (q.max) out.max = q.max;
        if (q.past) validators.push({ type: 'expression', expression: `${self} empty or ${self} <= today()`, text: message('past', `${label} must be today or in the past`) });
        if (q.future) validators.push({ type: 'expression', expression: `${self} empty or ${self} >= today()`, text: message('future', `${label} must be today or in the future`) });
        break;
      case 'time': out.type = 'text'; out.inputType = 'time'; break;
      case 'email':
        out.type = 'text'; out.inputType = 'email';
        validators.push({ type: 'email', text: message('format', 'Enter an email address in the correct format, like name@example.com') });
        break;
      case 'phone': out.type = 'text'; out.inputType = 'tel'; regex(PHONE, 'format', 'Enter a telephone number, like 01632 960 001 or 07700 900 982'); break;
      case 'postcode': out.type = 'text'; regex(POSTCODE, 'format', 'Enter a full UK postcode, like SW1A 2JR'); break;
      case 'registration': out.type = 'text'; regex(REGISTRATION, 'format', 'Enter a vehicle registration in the correct format, like AB12 CDE'); break;
      case 'address':
        out.type = 'multipletext';
        out.items = [{ name: 'line1', title: 'Address line 1', isRequired: true }, { name: 'line2', title: 'Address line 2' },
          { name: 'town', title: 'Town or city', isRequired: true }, { name: 'postcode', title: 'Postcode', isRequired: true }];
        break;
      case 'file': out.type = 'file'; out.storeDataAsText = false; break;
      case 'content': out.type = 'html'; out.html = combine([q.label], ([l]) => `<p>${l}</p>`); delete out.title; break;
      default: throw new Error(`no SurveyJS question type for ${q.type}`);
    }
    if (q.max_length !== undefined) {
      validators.push({ type: 'text', maxLength: q.max_length, allowDigits: true, text: message('max_length', `${english(q.label)} is too long`) });
    }
    for (const check of q.checks ?? []) {
      // A check fails only when its condition is false, never when unanswered.
      validators.push({ type: 'expression', expression: `!(${self} notempty) or (${this.condition(check.must, scope)})`, text: localized(check.message) });
    }
    if (validators.length) out.validators = validators;
    return out;
  }

  // A repeat page ("add another"): its questions asked once per entry, as
  // the template of a dynamic panel with as many panels as entries.
  repeat(p) {
    const r = p.repeat;
    const min = r.min ?? 0;
    const panel = {
      type: 'paneldynamic',
      name: r.id,
      title: localized(r.summary_title),
      templateElements: (p.questions ?? []).map((q) => this.question(q, { panel: r.id })),
      minPanelCount: min,
      maxPanelCount: r.max ?? 20,
      // The engine starts the first entry on arrival; SurveyJS shows at least minPanelCount panels.
      panelCount: Math.max(1, min),
      // Entries one after another (the engine shows one entry at a time, then a summary).
      displayMode: 'list',
    };
    // The entry's one-line label: SurveyJS's templateTitle takes {panel.x}
    // placeholders, not expressions, and has no fallback for an empty one
    // (messages.unlabelled); an entry_label that is one question's id maps.
    // Else the entry's name ("Person {n}": messages.entry, or made from item).
    if (r.entry_label && /^[A-Za-z_][A-Za-z0-9_]*$/.test(r.entry_label)) panel.templateTitle = `{panel.${r.entry_label}}`;
    else if (r.messages?.entry) panel.templateTitle = combine([r.messages.entry], ([entry]) => entry.replaceAll('{n}', '{panelIndex}'));
    else panel.templateTitle = combine([r.item], ([item]) => `${item[0].toUpperCase()}${item.slice(1)} {panelIndex}`);
    return panel;
  }

  translate() {
    const form = this.form;
    const pages = new Map(form.pages.map((p) => [p.id, p]));
    const start = form.start ?? form.pages[0].id;
    // Edges, and an order where every page comes after the pages leading to it
    // (forms have no cycles without a way out; a page in one is placed once).
    const targets = (p) => (p.type === 'exit' ? [] : [...(p.routes ?? []).map((r) => r.goto), p.next].filter((t) => t !== 'check-answers'));
    const order = [];
    const seen = new Set();
    const visit = (id) => {
      if (seen.has(id)) return;
      seen.add(id);
      for (const t of targets(pages.get(id))) visit(t);
      order.push(id);
    };
    visit(start);
    order.reverse();
    for (const p of form.pages) if (!seen.has(p.id)) order.push(p.id);

    const calculatedValues = (form.calculations ?? []).map((c) => ({ name: c.id, expression: this.condition(c.value) }));
    // Where each page goes: its routes, tried in order, then its next.
    for (const id of this.routes ? order : []) {
      const p = pages.get(id);
      if (p.type === 'exit') continue;
      const chain = (p.routes ?? []).reduceRight((rest, r) => `iif(${this.condition(r.if)}, ${quote(r.goto)}, ${rest})`, quote(p.next));
      calculatedValues.push({ name: `_route_${safe(id)}`, expression: chain });
    }
    // Whether a page is on the journey: a page leading to it is, and goes there.
    const incoming = new Map(order.map((id) => [id, []]));
    for (const id of order) for (const t of new Set(targets(pages.get(id)))) incoming.get(t)?.push(id);
    for (const id of this.routes ? order : []) {
      const on = id === start ? 'true'
        : incoming.get(id).map((from) => `({_on_${safe(from)}} = true and {_route_${safe(from)}} = ${quote(id)})`).join(' or ') || 'false';
      calculatedValues.push({ name: `_on_${safe(id)}`, expression: on });
    }
    // Team routing: the first rule that holds, else the default.
    const rules = form.routing?.rules ?? [];
    const fallback = form.routing?.default ?? {};
    calculatedValues.push({ name: 'team', includeIntoResult: true,
      expression: rules.reduceRight((rest, r) => `iif(${this.condition(r.if)}, ${quote(r.team)}, ${rest})`, quote(fallback.team ?? '')) });
    calculatedValues.push({ name: 'urgency', includeIntoResult: true,
      expression: rules.reduceRight((rest, r) => `iif(${this.condition(r.if)}, ${quote(r.urgency ?? 'standard')}, ${rest})`, quote(fallback.urgency ?? 'standard')) });

    const surveyPages = [];
    for (const id of order) {
      const p = pages.get(id);
      const page = { name: id, title: localized(p.title), elements: [] };
      if (id !== start && this.routes) page.visibleIf = `{_on_${safe(id)}} = true`;
      if (p.body?.length) page.elements.push({ type: 'html', name: `_body_${safe(id)}`, html: combine(p.body, (b) => b.map((t) => `<p>${t}</p>`).join('')) });
      if (p.repeat) page.elements.push(this.repeat(p));
      else for (const q of p.questions ?? []) page.elements.push(this.question(q));
      // An exit page ends the journey with advice and sends nothing: no Next,
      // no Complete. (Nothing follows it on a journey, so it is the last page shown.)
      if (p.type === 'exit') page.navigationButtonsVisibility = 'hide';
      surveyPages.push(page);
    }
    const out = {
      title: localized(form.title),
      description: localized(form.description),
      // Check your answers, then send.
      showPreviewBeforeComplete: 'showAnsweredQuestions',
      // An answer on a page no longer on the journey is not part of the report.
      clearInvisibleValues: 'onHidden',
      checkErrorsMode: 'onNextPage',
      showQuestionNumbers: 'off',
      calculatedValues,
      pages: surveyPages,
    };
    // Not a SurveyJS property (SurveyJS ignores it): the big lookup tables, for
    // the host page to give to fd_lookup (registerSurveyJSTables).
    if (Object.keys(this.usedTables).length) out.fdTables = this.usedTables;
    return out;
  }
}

// The same patterns as the engine's checks, as regular expressions.
const POSTCODE = '^\\s*[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\\s*[0-9][A-Za-z]{2}\\s*$';
const PHONE = '^\\s*(\\+44\\s?|0)[0-9\\s]{9,12}\\s*$';
const REGISTRATION = '^\\s*[A-Za-z0-9 ]{2,8}\\s*$';

// tables: { NAME: { key: value } }, with data files already read.
export function readTables(form, formPath) {
  const tables = {};
  for (const [name, table] of Object.entries(form.tables ?? {})) {
    tables[name] = typeof table === 'string' ? JSON.parse(fs.readFileSync(path.join(path.dirname(formPath), table), 'utf8')) : table;
  }
  return tables;
}

export function toSurveyJS(form, tables = {}, options = {}) {
  return new Translator(form, tables, options).translate();
}

// frontdesk answers (texts, as a person types them) → SurveyJS values. A
// repeat entry's answer, "GROUP.N.QUESTION", goes to panel N of the dynamic
// panel GROUP: values.GROUP = [{ QUESTION: … }, …].
export function toSurveyValues(form, answers) {
  const types = new Map();
  const groups = new Set();
  for (const page of form.pages) {
    if (page.repeat) groups.add(page.repeat.id);
    for (const q of page.questions ?? []) types.set(q.id, q.type);
  }
  const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  const typed = (id, text) => {
    const type = types.get(id);
    // Answer files may also write yes and no as JSON booleans and checkboxes as a list.
    if (typeof text === 'boolean') text = text ? 'yes' : 'no';
    if (type === 'checkboxes' && Array.isArray(text)) return text.map(String);
    if (type === 'number' || type === 'decimal' || type === 'money') return Number(String(text).replace(/[£,\s]/g, ''));
    if (type === 'yes_no') return text === 'yes';
    if (type === 'checkboxes') return String(text).split('\n').filter(Boolean);
    if (type === 'address') {
      const [line1, line2, town, postcode] = String(text).split('\n');
      return Object.fromEntries(Object.entries({ line1, line2, town, postcode }).filter(([, v]) => v));
    }
    if (type === 'date') {
      const t = String(text).trim();
      let m;
      if ((m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(t))) return `${m[1]}-${m[2].padStart(2, '0')}-${(m[3] ?? '1').padStart(2, '0')}`;
      if ((m = /^(?:(\d{1,2})[/\s])?([A-Za-z]+|\d{1,2})[/\s](\d{4})$/.exec(t))) {
        const month = /^\d+$/.test(m[2]) ? Number(m[2]) : months.indexOf(m[2].slice(0, 3).toLowerCase()) + 1;
        return `${m[3]}-${String(month).padStart(2, '0')}-${(m[1] ?? '1').padStart(2, '0')}`;
      }
      return t;
    }
    return text;
  };
  const values = {};
  for (const [key, text] of Object.entries(answers)) {
    const entry = /^([A-Za-z_][A-Za-z0-9_]*)\.([0-9]+)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(key);
    if (entry && groups.has(entry[1])) {
      const [, group, n, id] = entry;
      values[group] ??= [];
      (values[group][Number(n) - 1] ??= {})[id] = typed(id, text);
    } else values[key] = typed(key, text);
  }
  // Entries are numbered without gaps (the engine refuses a gap): none is left empty here.
  for (const group of groups) {
    // (Array.from: some() would pass over the holes of a sparse array.)
    if (values[group] && Array.from(values[group]).some((e) => e === undefined)) throw new Error(`${group}: the answers skip an entry`);
  }
  return values;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const formPath = process.argv[2];
  if (!formPath) {
    console.error('usage: node bench/surveyjs/translate.mjs FORM.json > SURVEYJS.json');
    process.exit(2);
  }
  const form = JSON.parse(fs.readFileSync(formPath, 'utf8'));
  process.stdout.write(`${JSON.stringify(toSurveyJS(form, readTables(form, formPath)), null, 1)}\n`);
}
