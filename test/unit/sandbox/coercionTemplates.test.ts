import * as assert from 'node:assert/strict';
import SCIMMY from 'scimmy';
import { CoercionTemplates } from '../../../src/sandbox/scim/coercionTemplates';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** scimmy's reading of a User body, counting how often scimmy itself was asked. */
function counted(transform: (json: string) => string = (json) => json) {
  const counter = { calls: 0 };
  const templates = new CoercionTemplates(SCIMMY.Schemas.User.definition, (data) => {
    counter.calls++;
    return transform(JSON.stringify(new SCIMMY.Schemas.User(data, 'in')));
  });
  return { templates, counter };
}

function body(userName: string, givenName: string, active = true): Record<string, unknown> {
  return { schemas: [CORE_USER], userName, active, name: { givenName, familyName: 'Ahl' }, emails: [{ type: 'work', primary: true, value: userName }] };
}

describe('sandbox SCIM app: coercion templates', () => {
  it('asks scimmy once per shape and then fills the template with the same answer scimmy gives', () => {
    const { templates, counter } = counted();
    assert.equal(templates.render(body('a@x', 'Anna')), JSON.stringify(new SCIMMY.Schemas.User(body('a@x', 'Anna'), 'in')));
    const afterFirst = counter.calls;
    for (const [userName, given] of [['b@x', 'Bo "B" \\ Berg'], ['c@x', 'Çelik\u2028'], ['d@x', '日本']]) {
      assert.equal(templates.render(body(userName, given)), JSON.stringify(new SCIMMY.Schemas.User(body(userName, given), 'in')));
    }
    assert.equal(counter.calls, afterFirst, 'scimmy was not asked again for the same shape');
    assert.equal(templates.size, 1);
  });

  it('treats booleans, canonical values and empty strings as part of the shape', () => {
    const { templates, counter } = counted();
    templates.render(body('a@x', 'Anna'));
    const calls = counter.calls;
    assert.equal(templates.render(body('b@x', 'Bo', false)), JSON.stringify(new SCIMMY.Schemas.User(body('b@x', 'Bo', false), 'in')));
    assert.equal(templates.render(body('c@x', '')), JSON.stringify(new SCIMMY.Schemas.User(body('c@x', ''), 'in')));
    const home = { ...body('d@x', 'Dan'), emails: [{ type: 'home', value: 'd@x' }] };
    assert.equal(templates.render(home), JSON.stringify(new SCIMMY.Schemas.User(home, 'in')));
    assert.ok(counter.calls > calls + 2, 'each new shape went to scimmy');
    assert.equal(templates.size, 4);
  });

  it('lets scimmy refuse a body every time, with its own error', () => {
    const { templates } = counted();
    const bad = { ...body('a@x', 'Anna'), emails: [{ type: 'pager', value: 'a@x' }] };
    for (let i = 0; i < 2; i++) assert.throws(() => templates.render(bad), /non-canonical value/);
  });

  it('keeps no template that does not reproduce scimmy’s answer, and asks scimmy every time for that shape', () => {
    // A coercion that changes a plain string (scimmy's does not) cannot be templated.
    const { templates, counter } = counted((json) => json.replace(/"givenName":"([^"]*)"/, (_, g: string) => `"givenName":"${g.toUpperCase()}"`));
    assert.match(templates.render(body('a@x', 'anna')), /"givenName":"ANNA"/);
    const calls = counter.calls;
    assert.match(templates.render(body('b@x', 'bo')), /"givenName":"BO"/);
    assert.equal(counter.calls, calls + 1);
  });
});
