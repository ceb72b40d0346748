// Checks the Kubernetes manifests in docker/kubernetes/ (npm run kubernetes:check, and CI):
// 1. every document against the Kubernetes JSON schema of its kind (the `kubernetes-models`
//    package's validators; an unknown apiVersion/kind fails),
// 2. what a schema cannot see: selectors that match their pods, Services and probes that name a
//    port the container has, an autoscaler and disruption budgets that point at a Deployment,
//    ConfigMap and Secret references (and keys) that exist, and probes on the health routes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const DIR = join(import.meta.dirname, '..', 'docker', 'kubernetes');
const HEALTH_PATHS = new Set(['/health/live', '/health/ready']);
const problems = [];
const docs = [];

for (const file of readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()) {
  for (const doc of parseAllDocuments(readFileSync(join(DIR, file), 'utf8'))) {
    if (doc.errors.length > 0) {
      problems.push(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      continue;
    }
    const object = doc.toJS();
    if (object) docs.push({ file, object });
  }
}

const where = (d) => `${d.file}: ${d.object.kind ?? '?'} ${d.object.metadata?.name ?? '?'}`;

for (const d of docs) {
  const { apiVersion, kind } = d.object;
  let Model;
  try {
    Model = (await import(`kubernetes-models/${apiVersion}/${kind}`))[kind];
  } catch {
    problems.push(`${where(d)}: no schema for apiVersion ${apiVersion}, kind ${kind}`);
    continue;
  }
  try {
    new Model(d.object).validate();
  } catch (error) {
    problems.push(`${where(d)}: ${error.message}`);
  }
}

const ofKind = (kind) => docs.filter((d) => d.object.kind === kind).map((d) => ({ ...d, o: d.object }));
const matches = (selector, labels) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v) &&
  Object.keys(selector ?? {}).length > 0;
const deployments = ofKind('Deployment');
const configMaps = new Map(ofKind('ConfigMap').map((d) => [d.o.metadata.name, d.o.data ?? {}]));
const secrets = new Map(
  ofKind('Secret').map((d) => [d.o.metadata.name, { ...(d.o.data ?? {}), ...(d.o.stringData ?? {}) }]),
);
const podSpecs = [
  ...deployments.map((d) => ({
    d,
    spec: d.o.spec?.template?.spec,
    labels: d.o.spec?.template?.metadata?.labels,
  })),
  ...ofKind('Job').map((d) => ({
    d,
    spec: d.o.spec?.template?.spec,
    labels: d.o.spec?.template?.metadata?.labels,
  })),
];

for (const { d, spec } of podSpecs) {
  for (const c of spec?.containers ?? []) {
    const ports = new Set((c.ports ?? []).flatMap((p) => [p.name, p.containerPort]));
    for (const kind of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      const http = c[kind]?.httpGet;
      if (!http) continue;
      if (!ports.has(http.port))
        problems.push(`${where(d)}: ${kind} port ${http.port} is not a container port`);
      if (!HEALTH_PATHS.has(http.path))
        problems.push(`${where(d)}: ${kind} path ${http.path} is no health route`);
    }
    for (const from of c.envFrom ?? []) {
      if (from.configMapRef && !configMaps.has(from.configMapRef.name))
        problems.push(`${where(d)}: ConfigMap ${from.configMapRef.name} is not defined`);
      if (from.secretRef && !secrets.has(from.secretRef.name))
        problems.push(`${where(d)}: Secret ${from.secretRef.name} is not defined`);
    }
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
      if (!ref) continue;
      const source = e.valueFrom.secretKeyRef ? secrets.get(ref.name) : configMaps.get(ref.name);
      if (!source || !(ref.key in source))
        problems.push(`${where(d)}: ${e.name} refers to missing ${ref.name}/${ref.key}`);
    }
  }
}
for (const d of deployments) {
  if (!matches(d.o.spec?.selector?.matchLabels, d.o.spec?.template?.metadata?.labels))
    problems.push(`${where(d)}: the selector does not match the pod template's labels`);
}
for (const d of ofKind('Service')) {
  const targets = podSpecs.filter((p) => matches(d.o.spec?.selector, p.labels));
  if (targets.length === 0) problems.push(`${where(d)}: the selector matches no pod template`);
  for (const port of d.o.spec?.ports ?? []) {
    const named = targets.every((p) =>
      p.spec.containers.some((c) =>
        (c.ports ?? []).some((cp) => [cp.name, cp.containerPort].includes(port.targetPort)),
      ),
    );
    if (!named) problems.push(`${where(d)}: targetPort ${port.targetPort} is not a port of its pods`);
  }
}
for (const d of ofKind('HorizontalPodAutoscaler')) {
  const ref = d.o.spec?.scaleTargetRef;
  if (!deployments.some((t) => ref?.kind === 'Deployment' && t.o.metadata.name === ref.name))
    problems.push(`${where(d)}: scaleTargetRef ${ref?.kind}/${ref?.name} is not defined`);
}
for (const d of ofKind('PodDisruptionBudget')) {
  if (!podSpecs.some((p) => matches(d.o.spec?.selector?.matchLabels, p.labels)))
    problems.push(`${where(d)}: the selector matches no pod template`);
}

if (problems.length > 0) {
  console.error(
    `Kubernetes manifests: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(`Kubernetes manifests: ${docs.length} objects in ${DIR} valid`);
