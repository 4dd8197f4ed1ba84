import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, deploy, fixture, type TestApp } from './support/test-app.js';

describe('version tags', () => {
  let sut: TestApp;
  let serviceRequest: string;
  let edition = 0;

  beforeAll(async () => {
    sut = await createTestApp();
    serviceRequest = await fixture('service-request.bpmn');
  });

  afterAll(async () => {
    await sut?.close();
  });

  /** A model no test deployed before (each edition renames a task), so each deploy makes a new version. */
  const freshModel = (): string => serviceRequest.replace('name="Resolve request"', `name="Resolve request ${++edition}"`);

  const tagOf = async (id: string): Promise<string | null> => (await request(sut.server).get(`/api/process-versions/${id}`).expect(200)).body.tag as string | null;

  it('tags the versions a deployment creates, from the query', async () => {
    // given a new model
    // when it is deployed with ?tag=to-be
    const response = await request(sut.server).post('/api/deployments').query({ tag: 'to-be' }).set('Content-Type', 'application/xml').send(freshModel());
    // then the new version carries the tag, in the answer and in the list
    expect(response.status).toBe(201);
    expect(response.body.processVersions).toEqual([expect.objectContaining({ created: true, tag: 'to-be', name: 'Service request' })]);
    const list = await request(sut.server).get('/api/process-versions').query({ key: 'service-request' }).expect(200);
    expect(list.body.find((version: { id: string }) => version.id === response.body.processVersions[0].id).tag).toBe('to-be');
  });

  it('tags from a multipart field, and leaves a version untagged without one', async () => {
    // when one model is uploaded with a tag field and another without
    const tagged = await request(sut.server)
      .post('/api/deployments')
      .field('tag', 'pilot north')
      .attach('file', Buffer.from(freshModel()), { filename: 'service-request.bpmn', contentType: 'application/octet-stream' });
    const untagged = await deploy(sut.server, freshModel());
    // then the first is tagged and the second is not
    expect(tagged.status).toBe(201);
    expect(tagged.body.processVersions[0].tag).toBe('pilot north');
    expect(await tagOf(untagged.id)).toBeNull();
  });

  it('labels an untagged version when identical XML is redeployed with a tag, but never replaces a tag', async () => {
    // given an untagged version
    const xml = freshModel();
    const version = await deploy(sut.server, xml);
    // when the same XML is deployed with a tag, then again with another
    await request(sut.server).post('/api/deployments').query({ tag: 'as-is' }).set('Content-Type', 'application/xml').send(xml).expect(201);
    const again = await request(sut.server).post('/api/deployments').query({ tag: 'to-be' }).set('Content-Type', 'application/xml').send(xml).expect(201);
    // then the first tag stays
    expect(again.body.processVersions[0]).toEqual(expect.objectContaining({ id: version.id, created: false, tag: 'as-is' }));
  });

  it('answers 400 naming `tag` for a tag over 40 characters at deploy, and stores no version', async () => {
    // given the number of versions before
    const before = (await request(sut.server).get('/api/process-versions').query({ key: 'service-request' })).body.length as number;
    // when a model is deployed with a 41-character tag
    const response = await request(sut.server)
      .post('/api/deployments')
      .query({ tag: 'x'.repeat(41) })
      .set('Content-Type', 'application/xml')
      .send(freshModel());
    // then it is refused naming the field, and nothing is stored
    expect(response.status).toBe(400);
    expect(response.body).toEqual(expect.objectContaining({ code: 'PROCESS_VERSION_TAG_INVALID', details: { field: 'tag' } }));
    expect((await request(sut.server).get('/api/process-versions').query({ key: 'service-request' })).body).toHaveLength(before);
  });

  it('sets, replaces and clears a tag later with PATCH', async () => {
    // given an untagged version
    const version = await deploy(sut.server, freshModel());
    // when a designer tags it, retags it, then clears it with a blank tag
    const designer = await sut.signIn('tag-designer', { roles: ['designer'] });
    const tagged = await designer.patch(`/api/process-versions/${version.id}`).send({ tag: '  to-be ' });
    expect(tagged.status).toBe(200);
    expect(tagged.body).toEqual(expect.objectContaining({ id: version.id, tag: 'to-be', version: version.version }));
    await designer.patch(`/api/process-versions/${version.id}`).send({ tag: 'as-is' }).expect(200);
    expect(await tagOf(version.id)).toBe('as-is');
    await designer.patch(`/api/process-versions/${version.id}`).send({ tag: '' }).expect(200);
    // then it is untagged again
    expect(await tagOf(version.id)).toBeNull();
    await designer.patch(`/api/process-versions/${version.id}`).send({ tag: 'to-be' }).expect(200);
    await designer.patch(`/api/process-versions/${version.id}`).send({ tag: null }).expect(200);
    expect(await tagOf(version.id)).toBeNull();
  });

  it.each([
    ['too long', { tag: 'y'.repeat(41) }],
    ['not text', { tag: 7 }],
    ['missing', {}],
  ])('answers 400 naming `tag` for a PATCH whose tag is %s, and keeps the tag', async (_case, body) => {
    // given a tagged version
    const version = await deploy(sut.server, freshModel());
    await request(sut.server).patch(`/api/process-versions/${version.id}`).send({ tag: 'as-is' }).expect(200);
    // when the PATCH is bad
    const response = await request(sut.server).patch(`/api/process-versions/${version.id}`).send(body);
    // then it is refused naming the field and the tag stays
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('tag');
    expect(await tagOf(version.id)).toBe('as-is');
  });

  it('answers 404 for a PATCH of a version that does not exist', async () => {
    // when an unknown id is tagged
    const response = await request(sut.server).patch('/api/process-versions/00000000-0000-4000-8000-000000000000').send({ tag: 'to-be' });
    // then it is not found
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('PROCESS_VERSION_NOT_FOUND');
  });

  it('refuses an analyst a PATCH with 403, and keeps the tag', async () => {
    // given a tagged version
    const version = await deploy(sut.server, freshModel());
    await request(sut.server).patch(`/api/process-versions/${version.id}`).send({ tag: 'as-is' }).expect(200);
    // when an analyst (who may read versions) tags it
    const analyst = await sut.signIn('tag-analyst', { roles: ['analyst'] });
    const response = await analyst.patch(`/api/process-versions/${version.id}`).send({ tag: 'to-be' });
    // then it is refused and nothing changes
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('ACCESS_DENIED');
    expect(await tagOf(version.id)).toBe('as-is');
  });
});
