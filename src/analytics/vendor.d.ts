// Type declarations for the ml.js and libsvm-js packages that ship none: only the parts src/analytics uses.

declare module "ml-cart" {
  /** One node of a trained CART tree: a split (column, value, children) or a leaf (class distribution). */
  export type CartNode = {
    splitColumn?: number;
    splitValue?: number;
    left?: CartNode;
    right?: CartNode;
    distribution?: { to1DArray(): number[] };
  };
  /** ml-cart's classification tree (gini, mean split values). */
  export class DecisionTreeClassifier {
    constructor(options?: { gainFunction?: "gini"; minNumSamples?: number; maxDepth?: number; gainThreshold?: number });
    root: CartNode;
    train(X: number[][], y: number[]): void;
    predict(X: number[][]): number[];
  }
}

declare module "ml-logistic-regression" {
  import type { Matrix } from "ml-matrix";
  /** ml-logistic-regression: one-vs-all gradient ascent without intercept or penalty. */
  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    classifiers: { testScores(X: Matrix): number[] }[];
    train(X: Matrix, Y: Matrix): void;
    predict(X: Matrix): number[];
  }
}

declare module "libsvm-js" {
  /** libsvm compiled to WebAssembly (the .wasm file ships inside the package). */
  export type SVMInstance = {
    train(samples: number[][], labels: number[]): void;
    predictOne(sample: number[]): number;
    predictOneProbability(sample: number[]): { prediction: number; estimates: { label: number; probability: number }[] };
    getLabels(): number[];
    free(): void;
  };
  /** The SVM class the module's promise resolves to. */
  export type SVMClass = {
    new (options: {
      type?: number;
      kernel?: number;
      gamma?: number;
      cost?: number;
      probabilityEstimates?: boolean;
      weight?: Record<number, number>;
      cacheSize?: number;
      quiet?: boolean;
    }): SVMInstance;
    SVM_TYPES: { C_SVC: number };
    KERNEL_TYPES: { RBF: number; LINEAR: number };
  };
  const loaded: Promise<SVMClass>;
  export default loaded;
}
