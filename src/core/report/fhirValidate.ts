// Structural validation of the exported FHIR R4 Bundle against the R4 rules the export relies on: required
// elements, value sets of status codes, dateTime and id formats, coding shape, no empty elements, resolvable refs.

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const DATE_TIME =
  /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]{1,9})?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/;
const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BUNDLE_TYPES = [
  'document',
  'message',
  'transaction',
  'transaction-response',
  'batch',
  'batch-response',
  'history',
  'searchset',
  'collection',
];
const REPORT_STATUS = [
  'registered',
  'partial',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'appended',
  'cancelled',
  'entered-in-error',
  'unknown',
];
const OBS_STATUS = [
  'registered',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'cancelled',
  'entered-in-error',
  'unknown',
];
const VALUE_KEYS = [
  'valueQuantity',
  'valueCodeableConcept',
  'valueString',
  'valueBoolean',
  'valueInteger',
  'valueRange',
  'valueRatio',
  'valueSampledData',
  'valueTime',
  'valueDateTime',
  'valuePeriod',
];

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Returns every problem found (empty = valid). */
export function validateFhirBundle(bundle: unknown): string[] {
  const errors: string[] = [];
  noEmptyElements(bundle, 'Bundle', errors);
  if (!isObj(bundle) || bundle.resourceType !== 'Bundle') return [...errors, 'not a Bundle'];
  if (!BUNDLE_TYPES.includes(String(bundle.type)))
    errors.push(`Bundle.type "${String(bundle.type)}" is not a bundle-type code`);
  if (bundle.timestamp !== undefined && !DATE_TIME.test(String(bundle.timestamp)))
    errors.push('Bundle.timestamp is not an instant');
  if (!Array.isArray(bundle.entry)) return [...errors, 'Bundle.entry is missing'];
  const urls = new Map<string, Obj>();
  bundle.entry.forEach((e, i) => {
    const at = `Bundle.entry[${i}]`;
    if (!isObj(e) || !isObj(e.resource)) return void errors.push(`${at}.resource is missing`);
    const url = String(e.fullUrl);
    if (!URN_UUID.test(url)) errors.push(`${at}.fullUrl "${url}" is not a urn:uuid`);
    else if (url.slice(9) !== e.resource.id) errors.push(`${at}: resource.id must equal the fullUrl's uuid`);
    urls.set(url, e.resource);
    errors.push(...validateResource(e.resource, at));
  });
  for (const [url, r] of urls)
    if (r.resourceType === 'DiagnosticReport' && Array.isArray(r.result))
      for (const ref of r.result) {
        const target = isObj(ref) ? urls.get(String(ref.reference)) : undefined;
        if (target?.resourceType !== 'Observation')
          errors.push(`${url}: result ${JSON.stringify(ref)} does not resolve to an Observation`);
      }
  return errors;
}

function validateResource(r: Obj, at: string): string[] {
  const errors: string[] = [];
  if (!ID.test(String(r.id))) errors.push(`${at}: id "${String(r.id)}" is not a FHIR id`);
  for (const k of ['effectiveDateTime', 'issued'])
    if (r[k] !== undefined && !DATE_TIME.test(String(r[k]))) errors.push(`${at}.${k} is not a dateTime`);
  if (r.resourceType === 'DiagnosticReport') {
    if (!REPORT_STATUS.includes(String(r.status))) errors.push(`${at}: DiagnosticReport.status invalid`);
    errors.push(...codeableConcept(r.code, `${at}.code`, true));
    if (isObj(r.text) && !String(r.text.div).startsWith('<div xmlns="http://www.w3.org/1999/xhtml">'))
      errors.push(`${at}.text.div must be an XHTML div`);
  } else if (r.resourceType === 'Observation') {
    if (!OBS_STATUS.includes(String(r.status))) errors.push(`${at}: Observation.status invalid`);
    errors.push(...codeableConcept(r.code, `${at}.code`, true), ...observationValues(r, at));
  } else errors.push(`${at}: unexpected resourceType ${String(r.resourceType)}`);
  return errors;
}

function observationValues(r: Obj, at: string): string[] {
  const errors: string[] = [];
  const values = VALUE_KEYS.filter((k) => r[k] !== undefined);
  if (values.length > 1) errors.push(`${at}: more than one value[x]`);
  if (r.valueQuantity !== undefined) errors.push(...quantity(r.valueQuantity, `${at}.valueQuantity`));
  if (r.valueBoolean !== undefined && typeof r.valueBoolean !== 'boolean')
    errors.push(`${at}.valueBoolean not boolean`);
  if (r.bodySite !== undefined) errors.push(...codeableConcept(r.bodySite, `${at}.bodySite`, false));
  if (Array.isArray(r.component))
    r.component.forEach((c, i) => {
      const cat = `${at}.component[${i}]`;
      if (!isObj(c)) return void errors.push(`${cat} is not an object`);
      errors.push(...codeableConcept(c.code, `${cat}.code`, false));
      if (c.valueQuantity !== undefined) errors.push(...quantity(c.valueQuantity, `${cat}.valueQuantity`));
    });
  return errors;
}

function codeableConcept(cc: unknown, at: string, needCoding: boolean): string[] {
  if (!isObj(cc)) return [`${at} is required`];
  if (cc.coding === undefined) return needCoding || cc.text === undefined ? [`${at} needs a coding`] : [];
  if (!Array.isArray(cc.coding)) return [`${at}.coding must be an array`];
  return cc.coding.flatMap((c, i) =>
    isObj(c) &&
    /^[a-z]+:\S+$/.test(String(c.system)) &&
    typeof c.code === 'string' &&
    /^\S+( \S+)*$/.test(c.code)
      ? []
      : [`${at}.coding[${i}] needs an absolute system and a code`],
  );
}

function quantity(q: unknown, at: string): string[] {
  if (!isObj(q) || typeof q.value !== 'number' || !Number.isFinite(q.value))
    return [`${at}.value must be a number`];
  return q.code !== undefined && q.system === undefined ? [`${at}: a code needs a system (qty-3)`] : [];
}

function noEmptyElements(x: unknown, at: string, errors: string[]): void {
  if (x === null || x === '' || (Array.isArray(x) && x.length === 0))
    errors.push(`${at} is empty (FHIR forbids empty elements)`);
  if (Array.isArray(x)) x.forEach((v, i) => noEmptyElements(v, `${at}[${i}]`, errors));
  else if (isObj(x)) {
    if (Object.keys(x).length === 0) errors.push(`${at} is an empty object`);
    for (const [k, v] of Object.entries(x)) noEmptyElements(v, `${at}.${k}`, errors);
  }
}
