/** A FIFO async mutex whose waiters give up after a timeout instead of hanging forever. */
export type Release = () => void;

export class Mutex {
  #locked = false;
  readonly #waiters: Array<(release: Release) => void> = [];

  acquire(timeoutMs: number): Promise<Release> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = (release: Release) => {
        clearTimeout(timer);
        resolve(release);
      };
      const timer = setTimeout(() => {
        const index = this.#waiters.indexOf(grant);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(new Error(`busy: another connection held the database for over ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.push(grant);
    });
  }

  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next) next(this.#releaser());
      else this.#locked = false;
    };
  }
}
