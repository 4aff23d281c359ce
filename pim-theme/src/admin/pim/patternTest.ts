/**
 * Tests a justification pattern against a sample the way the server does (the whole text must
 * match), in a worker that is stopped after a time limit: the server runs patterns on RE2/J in
 * linear time, but the browser's RegExp backtracks, and a pattern like (.*a){20} would hang the page.
 */
export type PatternTestResult = "match" | "noMatch" | "invalid" | "timeout";

const WORKER_SOURCE = `onmessage = (e) => {
  const { pattern, sample } = e.data;
  let re;
  try { re = new RegExp("^(?:" + pattern + ")$", "u"); } catch { postMessage("invalid"); return; }
  postMessage(re.test(sample) ? "match" : "noMatch");
};`;

export function testPattern(pattern: string, sample: string, timeoutMillis = 2000): Promise<PatternTestResult> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" }));
    const worker = new Worker(url);
    const finish = (result: PatternTestResult) => {
      window.clearTimeout(timer);
      worker.terminate();
      URL.revokeObjectURL(url);
      resolve(result);
    };
    const timer = window.setTimeout(() => finish("timeout"), timeoutMillis);
    worker.onmessage = (e: MessageEvent<PatternTestResult>) => finish(e.data);
    worker.onerror = () => finish("invalid");
    worker.postMessage({ pattern, sample });
  });
}
