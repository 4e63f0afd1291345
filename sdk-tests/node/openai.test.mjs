// The official OpenAI Node SDK against a Switchboard demo gateway started by this test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const jar = path.join(root, 'switchboard-app/target/switchboard.jar');
let gateway;
let client;
let baseURL;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitReady(url, deadlineMs) {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    try {
      const response = await fetch(url + '/readyz');
      if (response.status === 200) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('gateway did not become ready');
}

before(async () => {
  const port = await freePort();
  const simPort = await freePort();
  gateway = spawn('java', ['-jar', jar, 'demo', '--port', String(port), '--sim-port', String(simPort)],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  baseURL = `http://127.0.0.1:${port}`;
  await waitReady(baseURL, 60_000);
  client = new OpenAI({ baseURL: baseURL + '/v1', apiKey: 'sk-switchboard-demo', maxRetries: 0, timeout: 20_000 });
});

after(() => {
  if (gateway) gateway.kill('SIGTERM');
});

test('chat completion returns an answer and usage', async () => {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello from Node' }],
  });
  assert.match(completion.choices[0].message.content, /^Simulated answer: Hello from Node/);
  assert.ok(completion.usage.total_tokens > 0);
});

test('streaming yields content deltas and a usage chunk', async () => {
  const stream = await client.chat.completions.create({
    model: 'gpt-4o', stream: true, stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'Stream from Node' }],
  });
  let text = '';
  let usage = null;
  for await (const chunk of stream) {
    if (chunk.choices.length > 0) text += chunk.choices[0].delta.content ?? '';
    if (chunk.usage) usage = chunk.usage;
  }
  assert.match(text, /^Simulated answer: Stream from Node/);
  assert.ok(usage && usage.completion_tokens > 0);
});

test('tool calls pass through', async () => {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'Weather in Rome' }],
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: {
      type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
  });
  const call = completion.choices[0].message.tool_calls[0];
  assert.equal(call.function.name, 'get_weather');
  assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Rome' });
});

test('embeddings and models work', async () => {
  const embeddings = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] });
  assert.equal(embeddings.data.length, 2);
  const models = [];
  for await (const model of client.models.list()) models.push(model.id);
  assert.ok(models.includes('gpt-4o'));
});

test('errors surface as typed SDK errors', async () => {
  await assert.rejects(client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }),
    (e) => e instanceof OpenAI.NotFoundError && e.status === 404);
  const wrong = new OpenAI({ baseURL: baseURL + '/v1', apiKey: 'sk-wrong-000000', maxRetries: 0 });
  await assert.rejects(wrong.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }),
    (e) => e instanceof OpenAI.AuthenticationError && e.status === 401);
  await assert.rejects(client.chat.completions.create({ model: 'gpt-4o', temperature: 9,
    messages: [{ role: 'user', content: 'x' }] }),
    (e) => e instanceof OpenAI.BadRequestError && e.param === 'temperature');
});
