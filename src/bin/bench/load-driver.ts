/**
 * The load generator of `npm run bench:api` for requests that cannot repeat: each request takes
 * the next body of a pre-computed sequence (a signature is valid once, a token nonce is good once),
 * so the product and the bare server see exactly the same work. Runs autocannon in its own
 * process (keep-alive, no pipelining) and prints one JSON line: req/s, p50/p99 latency, the status
 * counts, and how many answers said valid and not valid.
 *
 *   node --import tsx src/bin/bench/load-driver.ts --url URL --bodies FILE --registrations IDS.json
 *     --state FILE --connections C --seconds S --authorization 'Basic …' --valid-field signatureValid
 *
 * Body k of the file belongs to registration k mod R (the --registrations file lists them), and is that registration's (k div R)-th
 * request. A registration never has two requests in flight (the answer names the registration;
 * until it arrives the registration is skipped), so its signatures reach the server in counter
 * order, as a phone's would; with R well above C there is always a free one. How far each
 * registration got is kept in the --state file, so the next run of the same server continues.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";

// @ts-expect-error autocannon ships no types; the programmatic API used here is small.
import untypedAutocannon from "autocannon";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    bodies: { type: "string" },
    /** A JSON array of the registration IDs, in slot order (slot r is body k with k mod R = r). */
    registrations: { type: "string" },
    state: { type: "string" },
    connections: { type: "string", default: "16" },
    seconds: { type: "string", default: "10" },
    authorization: { type: "string" },
    "valid-field": { type: "string" },
    /** The sequence may repeat (wrong signatures: nothing moves, the same ones can be sent again). */
    cycle: { type: "boolean", default: false },
  },
});

const bodies = fs.readFileSync(values.bodies!, "utf8").split("\n").filter(Boolean);
const registrationIds = JSON.parse(fs.readFileSync(values.registrations!, "utf8")) as string[];
const registrations = registrationIds.length;
const slotOf = new Map(registrationIds.map((id, slot) => [id, slot]));
const perRegistration = Math.floor(bodies.length / registrations);
const positions: number[] = fs.existsSync(values.state!) ? (JSON.parse(fs.readFileSync(values.state!, "utf8")) as number[]) : new Array<number>(registrations).fill(0);
const busy = new Set<number>();
let cursor = 0;
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

const autocannon = untypedAutocannon as (options: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => unknown;

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
            let slot = cursor;
            for (let tries = 0; busy.has(slot) && tries < registrations; tries++) slot = (slot + 1) % registrations;
            cursor = (slot + 1) % registrations;
            busy.add(slot);
            let position = positions[slot]!++;
            if (position >= perRegistration) {
              if (!values.cycle) exhausted++;
              position %= perRegistration;
            }
            return { ...request, body: bodies[position * registrations + slot] };
          },
          onResponse: (status: number, body: string) => {
            // Anything but a 200 is counted by its status (and leaves its registration out of the run).
            if (status !== 200) return;
            const answer = JSON.parse(body) as Record<string, unknown>;
            if (answer[field] === true) validCount++;
            else invalidCount++;
            // Free the registration this answer was about.
            const slot = slotOf.get(String(answer.registrationId));
            if (slot !== undefined) busy.delete(slot);
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
  }),
);
fs.writeFileSync(values.state!, JSON.stringify(positions));
