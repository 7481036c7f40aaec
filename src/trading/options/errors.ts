/**
 * Why an option calculation cannot give an answer. Pure: the HTTP layer decides which status each
 * becomes. Every one says in its message what was wrong, in terms a caller can act on.
 */

export class OptionMathError extends Error {
  override readonly name: string = 'OptionMathError';
}

/** An input outside the model's domain: a non-positive spot, strike or volatility, a non-finite number. */
export class OptionInputError extends OptionMathError {
  override readonly name = 'OptionInputError';
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field} ${message}`);
    this.field = field;
  }
}

/** No time left: the model's Greeks and implied volatility are undefined at or after expiry. */
export class OptionExpiredError extends OptionMathError {
  override readonly name = 'OptionExpiredError';
  readonly timeToExpiryYears: number;
  constructor(timeToExpiryYears: number) {
    super(`the option has expired: time to expiry must be positive (got ${timeToExpiryYears} years)`);
    this.timeToExpiryYears = timeToExpiryYears;
  }
}

/**
 * A premium no volatility can produce: at or below the discounted intrinsic value, or at or above the
 * most the option can be worth (the discounted spot for a call, the discounted strike for a put).
 */
export class PriceOutsideBoundsError extends OptionMathError {
  override readonly name = 'PriceOutsideBoundsError';
  readonly price: number;
  readonly lower: number;
  readonly upper: number;
  constructor(price: number, lower: number, upper: number) {
    super(
      `price ${price} is outside the no-arbitrage bounds: an implied volatility exists only for a ` +
        `price strictly between ${lower} and ${upper}`,
    );
    this.price = price;
    this.lower = lower;
    this.upper = upper;
  }
}

/** The price is within the bounds, but only a volatility beyond what the solver searches matches it. */
export class VolatilityOutOfRangeError extends OptionMathError {
  override readonly name = 'VolatilityOutOfRangeError';
  readonly maxVolatility: number;
  constructor(price: number, maxVolatility: number) {
    super(`price ${price} implies a volatility above ${maxVolatility} (${maxVolatility * 100}%)`);
    this.maxVolatility = maxVolatility;
  }
}
