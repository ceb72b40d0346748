import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The current time, injectable so that tests can move it (deadlines, office hours) without sleeping.
 * Production code asks the Clock, never `new Date()` directly, wherever business time matters.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  }

  /** Tests only: stop the clock at `at`. */
  freeze(at: Date): void {
    this.frozenAt = at.getTime();
  }

  /** Tests only: move the clock forward (or back) by `ms`. */
  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  /** Tests only: back to the real time. */
  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = null;
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
