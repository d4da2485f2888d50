/**
 * The error hierarchy shared by every stochnet package.
 *
 * Every error has a literal `code`, structured `details` naming the place
 * (group, coupling, unit, index, JSON path, option), and a message built from
 * them that says what to do. Tests and user code branch on the class or the
 * code, never on the message text.
 *
 * @module
 */

/** Structured, machine-readable facts about an error: where, expected, received. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/**
 * Base class of every error stochnet throws or returns.
 *
 * @example
 * ```ts
 * import { StochnetError, network } from '@stochnet/graph';
 * try {
 *   network().layer('v', 0).build();
 * } catch (e) {
 *   if (e instanceof StochnetError) console.log(e.code); // 'SHAPE'
 * }
 * ```
 */
export class StochnetError extends Error {
  /** A stable, literal code such as `'CYCLE'` or `'NON_FINITE'`. */
  readonly code: string;
  /** Where the problem is and what was expected and received. */
  readonly details: ErrorDetails;
  /**
   * Every problem found by the same validation, this one included, in the
   * order found. A throwing convenience throws the first and keeps the rest here.
   */
  issues: readonly StochnetError[];

  /**
   * @param code - the error's stable code
   * @param message - a sentence naming the place and the fix
   * @param details - structured facts about the place
   */
  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
    this.issues = [this];
  }
}

/** A value the caller supplied is not acceptable (wrong type, range or shape). */
export class ValidationError extends StochnetError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}, code = 'INVALID') {
    super(code, message, details);
  }
}

/** A number that must be finite is NaN or ±Infinity. Code `NON_FINITE`. */
export class NonFiniteError extends ValidationError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'NON_FINITE');
  }
}

/** A size, length or shape disagrees with what the model expects. Code `SHAPE`. */
export class ShapeError extends ValidationError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'SHAPE');
  }
}

/** A probability lies outside [0, 1]. Code `PROBABILITY_RANGE`. */
export class ProbabilityRangeError extends ValidationError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'PROBABILITY_RANGE');
  }
}

/** Data or evidence for binary units is not exactly 0 or 1. Code `NOT_BINARY`. */
export class BinaryDataError extends ValidationError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'NOT_BINARY');
  }
}

/** The network's structure is not acceptable for the requested operation. */
export class GraphStructureError extends StochnetError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}, code = 'STRUCTURE') {
    super(code, message, details);
  }
}

/** Directed couplings form a cycle; `details.cycle` lists its path. Code `CYCLE`. */
export class CycleError extends GraphStructureError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'CYCLE');
  }
}

/** A unit is coupled to itself. Code `SELF_LOOP`. */
export class SelfLoopError extends GraphStructureError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'SELF_LOOP');
  }
}

/** An id, coupling or unit pair is given twice. Code `DUPLICATE`. */
export class DuplicateEdgeError extends GraphStructureError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'DUPLICATE');
  }
}

/** A group, coupling or unit id does not exist in the network. Code `UNKNOWN_ID`. */
export class UnknownUnitError extends GraphStructureError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'UNKNOWN_ID');
  }
}

/** A coupling breaks the bipartite structure a restricted model needs. Code `NOT_BIPARTITE`. */
export class NonBipartiteError extends GraphStructureError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'NOT_BIPARTITE');
  }
}

/** Groups cannot be arranged into the layers an operation needs. Code `LAYERING`. */
export class LayeringError extends GraphStructureError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'LAYERING');
  }
}

/** An option is missing, of the wrong type or out of range. Code `CONFIG`. */
export class ConfigError extends StochnetError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super('CONFIG', message, details);
  }
}

/** A seed is missing or not of an accepted kind. Code `SEED`. */
export class SeedError extends StochnetError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super('SEED', message, details);
  }
}

/** A request would need more memory or time than the documented limits allow. Code `TOO_LARGE`. */
export class TooLargeError extends StochnetError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super('TOO_LARGE', message, details);
  }
}

/** A saved model cannot be read. */
export class SerializationError extends StochnetError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}, code = 'SERIALIZATION') {
    super(code, message, details);
  }
}

/** The text is not well-formed JSON; `details.position` says where. Code `PARSE`. */
export class ParseError extends SerializationError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'PARSE');
  }
}

/** The JSON is well formed but not a stochnet model of the expected schema. Code `SCHEMA`. */
export class SchemaError extends SerializationError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'SCHEMA');
  }
}

/** The file's format version is newer than this library reads. Code `VERSION`. */
export class VersionError extends SerializationError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'VERSION');
  }
}

/** The file's integrity hash does not match its parameters. Code `INTEGRITY`. */
export class IntegrityError extends SerializationError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'INTEGRITY');
  }
}

/** An internal invariant broke: a bug in stochnet, not a user error. Code `INVARIANT`. */
export class InvariantError extends StochnetError {
  /** @inheritDoc StochnetError.constructor */
  constructor(message: string, details: ErrorDetails = {}) {
    super('INVARIANT', `${message} (this is a bug in stochnet; please report it)`, details);
  }
}

/**
 * Throws the first of a non-empty list of problems, with all of them kept in
 * its `issues` field.
 *
 * @param errors - the problems found, in order
 * @returns never
 * @throws the first error, carrying the full list in `issues`
 *
 * @example
 * ```ts
 * import { throwIssues, ShapeError } from '@stochnet/graph';
 * try {
 *   throwIssues([new ShapeError('a'), new ShapeError('b')]);
 * } catch (e) {
 *   console.log((e as ShapeError).issues.length); // 2
 * }
 * ```
 */
export function throwIssues(errors: ReadonlyArray<StochnetError> & { readonly 0: StochnetError }): never {
  const first = errors[0];
  first.issues = errors.slice();
  throw first;
}
