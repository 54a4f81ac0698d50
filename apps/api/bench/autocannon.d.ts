// The part of autocannon's API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  type RawRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  namespace autocannon {
    type Options = {
      url: string;
      connections?: number;
      duration?: number;
      requests?: (RawRequest & { setupRequest?: (req: RawRequest) => RawRequest })[];
    };
    type Histogram = { average: number; p50: number; p99: number; total: number };
    type Result = { requests: Histogram; latency: Histogram; non2xx: number; errors: number };
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export default autocannon;
}
