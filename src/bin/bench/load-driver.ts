/**
 * The load generator of `npm run bench:api` for requests that cannot repeat: each request takes
 * the next body of a pre-computed sequence (a signature is valid once, a token nonce is good once),
 * so the product and the bare server see exactly the same work. Runs autocannon in its own
 * process (keep-alive, no pipelining) and prints one JSON line: req/s, p50/p99 latency, the status
 * counts, how many answers said valid and not valid, and the next unused position in the sequence
 * (the next run of the same server continues from there).
 *
 *   node --import tsx src/bin/bench/load-driver.ts --url URL --bodies FILE --offset N
 *     --connections C --seconds S --authorization 'Basic …' --valid-field signatureValid
 *
 * Body k of the file belongs to registration k mod R (the file is laid out that way), so requests
 * in flight at once (at most C) never share a registration as long as R is well above C.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";

// @ts-expect-error autocannon ships no types; the programmatic API used here is small.
import autocannon from "autocannon";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    bodies: { type: "string" },
    offset: { type: "string", default: "0" },
    connections: { type: "string", default: "16" },
    seconds: { type: "string", default: "10" },
    authorization: { type: "string" },
    "valid-field": { type: "string" },
    /** The sequence may repeat (wrong signatures: nothing moves, the same ones can be sent again). */
    cycle: { type: "boolean", default: false },
  },
});

const bodies = fs.readFileSync(values.bodies!, "utf8").split("\n").filter(Boolean);
let next = Number(values.offset);
let exhausted = 0;
let validCount = 0;
let invalidCount = 0;
const field = values["valid-field"]!;

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}

const result = await new Promise<AutocannonResult>((resolve, reject) => {
  autocannon(
    {
      url: values.url,
      connections: Number(values.connections),
      duration: Number(values.seconds),
      headers: { authorization: values.authorization, "content-type": "application/json" },
      requests: [
        {
          method: "POST",
          setupRequest: (request: Record<string, unknown>) => {
            if (next >= bodies.length && !values.cycle) exhausted++;
            return { ...request, body: bodies[next++ % bodies.length] };
          },
          onResponse: (status: number, body: string) => {
            if (status !== 200) return;
            if ((JSON.parse(body) as Record<string, unknown>)[field] === true) validCount++;
            else invalidCount++;
          },
        },
      ],
    },
    (error: Error | null, output: AutocannonResult) => (error ? reject(error) : resolve(output)),
  );
});

const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count]));
console.log(
  JSON.stringify({
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    unexpected: result.errors + result.timeouts,
    statuses,
    valid: validCount,
    invalid: invalidCount,
    exhausted,
    next,
  }),
);
