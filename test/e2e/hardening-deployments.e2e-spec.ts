import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from './support/test-app.js';
import { changedTables, storedState, type StoredState } from './support/stored-state.js';

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const DMN = 'https://www.omg.org/spec/DMN/20191111/MODEL/';

const bpmnProcess = (id: string) =>
  `<bpmn:definitions xmlns:bpmn="${BPMN}" id="d" targetNamespace="t"><bpmn:process id="${id}" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`;

/** Ten entities, each ten times the one before: a billion "lol"s once expanded. */
const billionLaughs = (root: string) => {
  const entities = Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level};`.repeat(10)}">`).join('');
  return `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${entities}]>${root.replace('isExecutable="true">', 'isExecutable="true" name="&lol9;">')}`;
};

const externalEntity = (uri: string, root: string) =>
  `<?xml version="1.0"?><!DOCTYPE definitions [<!ENTITY leak SYSTEM "${uri}">]>${root.replace('isExecutable="true">', 'isExecutable="true" name="&leak;">')}`;

const deepBpmn = (depth: number) =>
  `<bpmn:definitions xmlns:bpmn="${BPMN}" id="d" targetNamespace="t"><bpmn:process id="deep" isExecutable="true">${'<bpmn:subProcess>'.repeat(depth)}${'</bpmn:subProcess>'.repeat(depth)}</bpmn:process></bpmn:definitions>`;

const deepDmn = (depth: number) =>
  `<definitions xmlns="${DMN}" id="d" name="n" namespace="x"><decision id="deep">${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</decision></definitions>`;

const dmnTable = `<definitions xmlns="${DMN}" id="d" name="n" namespace="x"><decision id="route" name="Route"><decisionTable id="t"><input id="i"><inputExpression id="e" typeRef="number"><text>amount</text></inputExpression></input><output id="o" name="queue" typeRef="string"/><rule id="r"><inputEntry id="ie"><text>&lt; 10</text></inputEntry><outputEntry id="oe"><text>"a"</text></outputEntry></rule></decisionTable></decision></definitions>`;

/** The first bytes of a PNG image, then binary noise. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256))]);

const XHTML = `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body><p>hello</p></body></html>`;
const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>news</title><item><title>a</title></item></channel></rss>`;

interface BadDocument {
  name: string;
  file: string;
  body: string | Buffer;
  status: number;
  code: string;
}

const BAD_DOCUMENTS: BadDocument[] = [
  { name: 'a billion laughs in BPMN', file: 'laughs.bpmn', body: billionLaughs(bpmnProcess('laughs')), status: 400, code: 'BPMN_DOCTYPE_FORBIDDEN' },
  {
    name: 'a billion laughs in DMN',
    file: 'laughs.dmn',
    body: billionLaughs(dmnTable.replace('name="Route">', 'isExecutable="true">')),
    status: 400,
    code: 'DMN_DOCTYPE_FORBIDDEN',
  },
  {
    name: 'an external entity reading /etc/passwd',
    file: 'passwd.bpmn',
    body: externalEntity('file:///etc/passwd', bpmnProcess('passwd')),
    status: 400,
    code: 'BPMN_DOCTYPE_FORBIDDEN',
  },
  {
    name: 'an external entity fetched over http',
    file: 'http.bpmn',
    body: externalEntity('http://127.0.0.1:9/x', bpmnProcess('http')),
    status: 400,
    code: 'BPMN_DOCTYPE_FORBIDDEN',
  },
  {
    name: 'an external entity in DMN',
    file: 'passwd.dmn',
    body: externalEntity('file:///etc/passwd', dmnTable.replace('name="Route">', 'isExecutable="true">')),
    status: 400,
    code: 'DMN_DOCTYPE_FORBIDDEN',
  },
  { name: 'BPMN nested 50,000 levels deep', file: 'deep.bpmn', body: deepBpmn(50_000), status: 400, code: 'BPMN_TOO_DEEP' },
  { name: 'DMN nested 50,000 levels deep', file: 'deep.dmn', body: deepDmn(50_000), status: 400, code: 'DMN_TOO_DEEP' },
  {
    name: 'a form nested 50,000 levels deep',
    file: 'deep.form',
    body: `{"id":"deep","type":"default","components":${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
    status: 422,
    code: 'FORM_SCHEMA_INVALID',
  },
  { name: 'a PNG image', file: 'diagram.png', body: PNG, status: 400, code: 'BPMN_MALFORMED' },
  { name: 'JSON that is not a form', file: 'data.json', body: '{"hello": [1, 2, 3]}', status: 422, code: 'FORM_SCHEMA_INVALID' },
  { name: 'JSON that does not parse', file: 'broken.form', body: '{"id": ', status: 400, code: 'FORM_MALFORMED' },
  { name: 'an XHTML page', file: 'page.xhtml', body: XHTML, status: 400, code: 'BPMN_NOT_BPMN' },
  { name: 'an RSS feed', file: 'feed.rss', body: RSS, status: 400, code: 'BPMN_NOT_BPMN' },
];

describe('deployments refuse hostile and wrong documents, and store nothing', () => {
  let sut: TestApp;
  let baseline: StoredState;
  const state = () => storedState(sut.app.get(DataSource));

  beforeAll(async () => {
    sut = await createTestApp();
    // a model stored already, so "nothing changes" covers existing rows too
    await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send(bpmnProcess('existing')).expect(201);
    baseline = await state();
  });

  afterAll(async () => {
    if (sut?.server.listening) await new Promise((resolve) => sut.server.close(resolve));
    await sut?.close();
  });

  it.each(BAD_DOCUMENTS)('answers $status $code for $name as the request body', async ({ body, status, code }) => {
    // when the document is posted as the body of the deployment
    const response = await request(sut.server)
      .post('/api/deployments')
      .set('Content-Type', 'application/xml')
      .send(typeof body === 'string' ? body : body.toString('latin1'));
    // then it is refused with a code naming the problem, and nothing stored changed
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(JSON.stringify(response.body)).not.toContain('root:');
    expect(changedTables(baseline, await state())).toEqual([]);
  });

  it.each(BAD_DOCUMENTS)('answers $status $code for $name as an uploaded file, naming the file', async ({ file, body, status, code }) => {
    // when the document is uploaded beside a valid model
    const response = await request(sut.server)
      .post('/api/deployments')
      .attach('file', Buffer.from(bpmnProcess('good-neighbour')), 'good.bpmn')
      .attach('file', typeof body === 'string' ? Buffer.from(body) : body, file);
    // then the whole deployment is refused naming the file, and the valid model is not stored either
    expect({ status: response.status, code: response.body.code, resource: response.body.details?.resource }).toEqual({ status, code, resource: file });
    expect(changedTables(baseline, await state())).toEqual([]);
  });

  it('answers 400 DEPLOYMENT_EMPTY, saying how to send a model, for an image or JSON as the body, storing nothing', async () => {
    // when a PNG is posted as image/png, and a model wrapped in JSON
    const image = await request(sut.server).post('/api/deployments').set('Content-Type', 'image/png').send(PNG);
    const json = await request(sut.server)
      .post('/api/deployments')
      .send({ xml: bpmnProcess('in-json') });
    // then neither is read as a model, and the answer says how to send one
    expect([image.status, image.body.code]).toEqual([400, 'DEPLOYMENT_EMPTY']);
    expect(image.body.message).toContain('application/xml');
    expect([json.status, json.body.code]).toEqual([400, 'DEPLOYMENT_EMPTY']);
    expect(changedTables(baseline, await state())).toEqual([]);
  });

  describe('a 50 MB body', () => {
    const FIFTY_MB = 50 * 1024 * 1024;
    const CHUNK = Buffer.alloc(1024 * 1024, 'a');

    /**
     * Streams 50 MB at the engine (with a Content-Length, or chunked), stopping once the answer
     * arrives; reports the answer and the peak memory growth (heap and buffers) of this process,
     * which runs the engine, meanwhile.
     */
    const sendHuge = async (options: { chunked: boolean; multipart: boolean }) => {
      const server = sut.server.listening ? sut.server : sut.server.listen(0);
      const { port } = server.address() as AddressInfo;
      const boundary = 'x-hardening-boundary';
      const head = options.multipart
        ? Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.bpmn"\r\nContent-Type: application/xml\r\n\r\n<x>`)
        : Buffer.from('<x>');
      const headers: Record<string, string> = {
        'Content-Type': options.multipart ? `multipart/form-data; boundary=${boundary}` : 'application/xml',
        Authorization: `Bearer ${sut.adminToken}`,
      };
      if (!options.chunked) headers['Content-Length'] = String(head.length + FIFTY_MB);
      const memory = () => {
        const usage = process.memoryUsage();
        return usage.heapUsed + usage.arrayBuffers;
      };
      // What is held, not the garbage of what was read and dropped: how soon V8 collects differs between
      // Node versions, so a rise past the peak is collected (where the run exposes gc, as
      // scripts/run-tests.mjs does) and measured again before it counts.
      const collect = (globalThis as { gc?: () => void }).gc;
      const GARBAGE_ALLOWANCE = 8 * 1024 * 1024;
      const start = memory();
      let peak = start;
      const sample = () => {
        let now = memory();
        if (collect && now > peak + GARBAGE_ALLOWANCE) {
          collect();
          now = memory();
        }
        peak = Math.max(peak, now);
      };
      const sampler = setInterval(sample, 2);
      try {
        return await new Promise<{ status: number; code: string; growthBytes: number }>((resolve, reject) => {
          let sentBytes = 0;
          let answered = false;
          const client = httpRequest({ port, method: 'POST', path: '/api/deployments', headers }, (response) => {
            answered = true;
            let text = '';
            response.on('data', (data: Buffer) => (text += data.toString()));
            response.on('end', () => {
              client.destroy();
              resolve({ status: response.statusCode ?? 0, code: JSON.parse(text).code, growthBytes: peak - start });
            });
          });
          client.on('error', (error) => {
            if (!answered) reject(error);
          });
          client.write(head);
          const pump = () => {
            while (!answered && sentBytes < FIFTY_MB) {
              sentBytes += CHUNK.length;
              if (!client.write(CHUNK)) return void client.once('drain', pump);
            }
            if (!answered) client.end();
          };
          pump();
        });
      } finally {
        clearInterval(sampler);
      }
    };

    it.each([
      { how: 'with a Content-Length, as the body', chunked: false, multipart: false },
      { how: 'chunked, as the body', chunked: true, multipart: false },
      { how: 'with a Content-Length, as an uploaded file', chunked: false, multipart: true },
      { how: 'chunked, as an uploaded file', chunked: true, multipart: true },
    ])('is refused with 413 $how, and never held in memory', async ({ chunked, multipart }) => {
      // when 50 MB are streamed at the deployment endpoint
      const answer = await sendHuge({ chunked, multipart });
      // then the engine answers 413, and its memory never held the body
      expect([answer.status, answer.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      // a sanity bound, not a measurement: holding the body whole takes its 50 MB in chunks plus as much
      // again to join them; reading it in pieces leaves garbage (chunks read, not yet collected), which
      // newer Node versions collect later, so the bound sits between the two
      expect(answer.growthBytes).toBeLessThan(1.5 * FIFTY_MB);
      expect(changedTables(baseline, await state())).toEqual([]);
    });
  });
});
