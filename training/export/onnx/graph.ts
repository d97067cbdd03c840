// A small ONNX graph builder over onnx-proto: initializers, nodes, typed inputs/outputs, model bytes.
// Every exported graph (encoder, embeddings, decoder, findings head) is written through this one helper.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type TensorProto = onnxProto.onnx.ITensorProto;
type NodeProto = onnxProto.onnx.INodeProto;
type ValueInfo = onnxProto.onnx.IValueInfoProto;
type AttrProto = onnxProto.onnx.IAttributeProto;

export const DT = { float: 1, uint8: 2, int32: 6, int64: 7, bool: 9 } as const;
export type ElemType = (typeof DT)[keyof typeof DT];
/** A dimension: a fixed size or a symbolic name (transformers.js resolves `batch_size`, other names become 0). */
export type Dim = number | string;
export type Attr = { i: number } | { f: number } | { ints: number[] } | { s: string };

/** Opsets every Auscult graph declares: standard ONNX 18 and com.microsoft 1 (MatMulNBits). */
const OPSETS = [
  { domain: '', version: 18 },
  { domain: 'com.microsoft', version: 1 },
];

function attrProto(name: string, a: Attr): AttrProto {
  const T = onnx.AttributeProto.AttributeType;
  if ('i' in a) return { name, type: T.INT, i: a.i };
  if ('f' in a) return { name, type: T.FLOAT, f: a.f };
  if ('ints' in a) return { name, type: T.INTS, ints: a.ints };
  return { name, type: T.STRING, s: new TextEncoder().encode(a.s) };
}

function valueInfo(name: string, elemType: ElemType, dims: Dim[]): ValueInfo {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

type TypedData = Float32Array | BigInt64Array | Int32Array | Uint8Array;

function elemTypeOf(data: TypedData): ElemType {
  if (data instanceof Float32Array) return DT.float;
  if (data instanceof BigInt64Array) return DT.int64;
  if (data instanceof Int32Array) return DT.int32;
  return DT.uint8;
}

export class GraphBuilder {
  private readonly nodes: NodeProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly inputs: ValueInfo[] = [];
  private readonly outputs: ValueInfo[] = [];
  private counter = 0;

  constructor(private readonly name: string) {}

  /** A fresh intermediate value name. */
  fresh(hint: string): string {
    this.counter += 1;
    return `${hint}_${this.counter}`;
  }

  input(name: string, elemType: ElemType, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  output(name: string, elemType: ElemType, dims: Dim[]): void {
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  /** Adds a constant tensor (weights, shapes, tables) and returns its name. */
  init(name: string, data: TypedData, dims: number[]): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (size !== data.length)
      throw new Error(`initializer ${name}: ${data.length} values for dims [${dims}]`);
    const rawData = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    this.initializers.push({ name, dims, dataType: elemTypeOf(data), rawData });
    return name;
  }

  constI64(values: number[], hint = 'const'): string {
    return this.init(this.fresh(hint), BigInt64Array.from(values.map(BigInt)), [values.length]);
  }

  /** A scalar (rank-0) constant. */
  scalarF(value: number, hint = 'scalar'): string {
    return this.init(this.fresh(hint), Float32Array.of(value), []);
  }

  /** Adds a node with one output; `out` names it explicitly (graph outputs), otherwise a fresh name is used. */
  op(opType: string, inputs: string[], attrs: Record<string, Attr> = {}, out?: string, domain = ''): string {
    return this.opN(opType, inputs, 1, attrs, out ? [out] : undefined, domain)[0];
  }

  /** Adds a node with `nOut` outputs. */
  opN(
    opType: string,
    inputs: string[],
    nOut: number,
    attrs: Record<string, Attr> = {},
    outs?: string[],
    domain = '',
  ): string[] {
    const output = outs ?? Array.from({ length: nOut }, () => this.fresh(opType.toLowerCase()));
    const attribute = Object.entries(attrs).map(([k, v]) => attrProto(k, v));
    this.nodes.push({ opType, input: inputs, output, attribute, domain, name: this.fresh(`n_${opType}`) });
    return output;
  }

  /** Serialized ModelProto (IR 8, opset 18 + com.microsoft 1). */
  toBytes(docString = ''): Uint8Array {
    const graph = {
      name: this.name,
      node: this.nodes,
      initializer: this.initializers,
      input: this.inputs,
      output: this.outputs,
    };
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'auscult-export',
      docString,
      opsetImport: OPSETS,
      graph,
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
