type Double<T> = [T, T];
type Explode<T, N extends unknown[]> = N["length"] extends 64 ? T : Explode<Double<T>, [...N, unknown]>;
type Deep<N extends unknown[] = []> = N["length"] extends 5000 ? N : Deep<[...N, unknown]>;

const exploded: Explode<string, []> = null!;
const deep: Deep = null!;
console.log(exploded, deep);
