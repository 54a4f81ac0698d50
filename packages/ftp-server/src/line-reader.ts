// Splits the control stream into command lines. Telnet is only half-spoken by FTP clients:
// IAC sequences (IP, Synch/DM, option negotiation) are dropped wherever they appear, a line ends
// at CRLF, LF or a bare CR (Python's ftplib sends "ABOR\r" with the LF as urgent data), and
// CR NUL stands for a literal CR so that names containing CR reach the path checks and get refused.
// A line that is not valid UTF-8 is flagged rather than decoded lossily: two different byte
// strings would otherwise both become U+FFFD and name the same file.
import { isUtf8 } from 'node:buffer';

const IAC = 0xff;
const WILL = 0xfb;
const CR = 0x0d;
const LF = 0x0a;
const NUL = 0x00;

/** `isUtf8` false: `text` was decoded with U+FFFD replacements and must not be used as a name. */
export type LineEvent = { kind: 'line'; text: string; isUtf8: boolean } | { kind: 'overlong' };

const enum State {
  Text,
  Iac,
  IacOption,
  AfterCr,
  // A trailing CR already ended the line; swallow the LF (or NUL) that may follow in the next packet.
  AfterFlushedCr,
}

export class LineReader {
  readonly #maxLength: number;
  #parts: Buffer[] = [];
  #length = 0;
  #isDiscarding = false;
  #state = State.Text;

  constructor(maxLength: number) {
    this.#maxLength = maxLength;
  }

  /** Feeds bytes; returns the complete lines they finish, in order. */
  push(chunk: Buffer): LineEvent[] {
    const events: LineEvent[] = [];
    let runStart = 0;
    const flushRun = (end: number): void => {
      if (end > runStart) this.#append(chunk.subarray(runStart, end));
    };
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      switch (this.#state) {
        case State.Text:
          if (byte === IAC) {
            flushRun(i);
            this.#state = State.Iac;
          } else if (byte === LF) {
            flushRun(i);
            events.push(this.#finish());
          } else if (byte === CR) {
            flushRun(i);
            this.#state = State.AfterCr;
          } else {
            continue;
          }
          runStart = i + 1;
          break;
        case State.Iac:
          if (byte === IAC) {
            this.#append(Buffer.from([IAC]));
            this.#state = State.Text;
          } else {
            this.#state = byte >= WILL ? State.IacOption : State.Text;
          }
          runStart = i + 1;
          break;
        case State.IacOption:
          this.#state = State.Text;
          runStart = i + 1;
          break;
        case State.AfterFlushedCr:
          this.#state = State.Text;
          if (byte === LF || byte === NUL) {
            runStart = i + 1;
          } else {
            runStart = i;
            i--;
          }
          break;
        case State.AfterCr:
          this.#state = State.Text;
          if (byte === NUL) {
            this.#append(Buffer.from([CR]));
            runStart = i + 1;
          } else {
            events.push(this.#finish());
            if (byte === LF) {
              runStart = i + 1;
            } else {
              // A bare CR ended the line; this byte starts the next one.
              runStart = i;
              i--;
            }
          }
          break;
      }
    }
    if (this.#state === State.Text) flushRun(chunk.length);
    if (this.#state === State.AfterCr) {
      // Waiting for the next packet could stall "ABOR\r" forever when the LF went out of band.
      events.push(this.#finish());
      this.#state = State.AfterFlushedCr;
    }
    return events;
  }

  /** Drops everything buffered (used after AUTH TLS: clear-text bytes must not be executed). */
  clear(): void {
    this.#parts = [];
    this.#length = 0;
    this.#isDiscarding = false;
    this.#state = State.Text;
  }

  #append(bytes: Buffer): void {
    if (this.#isDiscarding) return;
    if (this.#length + bytes.length > this.#maxLength) {
      this.#isDiscarding = true;
      this.#parts = [];
      this.#length = 0;
      return;
    }
    this.#parts.push(bytes);
    this.#length += bytes.length;
  }

  #finish(): LineEvent {
    let event: LineEvent;
    if (this.#isDiscarding) {
      event = { kind: 'overlong' };
    } else {
      const bytes = Buffer.concat(this.#parts, this.#length);
      event = { kind: 'line', text: bytes.toString('utf8'), isUtf8: isUtf8(bytes) };
    }
    this.#parts = [];
    this.#length = 0;
    this.#isDiscarding = false;
    return event;
  }
}
