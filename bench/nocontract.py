"""Generate a repository without contracts for the benchmark.

``python bench/nocontract.py DIR N`` writes N files into DIR laid out as an
application repository keeps them, and not one contract among them:

* YAML: multi-document Kubernetes manifests (``kind: Deployment``, ``Service``,
  ``ConfigMap``...), Helm charts whose templates are full of ``{{ }}``, GitHub
  workflows (``on:``, ``${{ }}``), docker-compose files, OpenAPI specifications,
  CloudFormation templates (``!Ref``, ``!Sub``), Backstage catalog entries, Ansible
  playbooks, application settings, an ``mkdocs.yml`` with ``!!python/name:`` tags;
* JSON: ``package.json`` files, JSON with comments and trailing commas
  (``tsconfig.json``, ``.eslintrc.json``, ``devcontainer.json``), NDJSON event
  fixtures named ``.json`` (one in a hundred files is a data sample of 50 to 200 KB),
  JSON Schemas, translations and recorded API responses;
* Markdown: READMEs, guides, ADRs and a changelog, with fenced ``yaml``, ``json``
  and shell blocks, some with front matter;
* files no linter of those formats reads: Python, TypeScript, text, shell scripts,
  Helm helpers, Dockerfiles;
* and about one file in six in folders contractlint skips: ``node_modules/``,
  ``.git/``, ``.venv/`` (``site-packages``), ``.vscode/`` (JSON with comments),
  ``.mypy_cache/``, ``.pytest_cache/``, ``.tox/``, ``__pycache__/``, ``build/`` and
  ``dist/``, YAML, JSON and Markdown among them. The root ``.gitignore`` names most of
  them, as a real one does, and nothing else that is there.

Most files are 0.5 to 10 KB. The root files (README, ``package.json``, the
workflows, ``.git/``, a first package in ``node_modules/``...) come first, so even a
small tree has them; the rest are drawn at random, with fixed weights. The same N
always gives the same files.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

SEED = 2026

SERVICES = (
    "accounts",
    "billing",
    "catalog",
    "checkout",
    "gateway",
    "inventory",
    "media",
    "notifications",
    "reports",
    "search",
    "shipping",
    "web",
)
ENVIRONMENTS = ("dev", "staging", "prod")
PACKAGES = (
    "react",
    "lodash",
    "express",
    "axios",
    "typescript",
    "eslint",
    "jest",
    "webpack",
    "zod",
    "dayjs",
    "@types/node",
    "@babel/core",
    "prettier",
    "vite",
    "yaml",
    "chalk",
)
PYTHON_PACKAGES = ("requests", "urllib3", "yaml", "click", "pydantic", "attr", "jinja2")
EVENTS = ("page_view", "click", "add_to_cart", "purchase", "search", "signup", "logout")
PROSE = (
    "the service reads its settings from the environment and falls back to defaults "
    "when a value is missing so that a local run needs no extra setup each release "
    "is tagged from main after the pipeline passes and the images are pushed to the "
    "registry by the deploy job requests are retried with backoff and every call "
    "carries a correlation id that the gateway adds for tracing across services the "
    "chart keeps resources small in staging and scales on CPU in production while "
    "secrets come from the vault at start-up and are never written to disk logs go "
    "to standard output as one JSON object a line which the collector ships to the "
    "search cluster before you open a pull request run the tests and the linters"
)
WORDS = tuple(PROSE.split())
HELM_IMAGE = '"{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"'

Maker = Callable[[random.Random, int], tuple[str, str]]


# -- text --------------------------------------------------------------------------------


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(7, 18))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))


def title(rng: random.Random, count: int = 3) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count)).capitalize()


def slug(rng: random.Random) -> str:
    return "-".join(rng.choice(WORDS) for _ in range(2))


def service(rng: random.Random) -> str:
    return rng.choice(SERVICES)


def image(rng: random.Random, name: str) -> str:
    return f"ghcr.io/acme/{name}:1.{rng.randint(0, 40)}.{rng.randint(0, 9)}"


def dumps(value: object) -> str:
    return json.dumps(value, indent=2) + "\n"


# -- YAML ----------------------------------------------------------------------------------


def deployment(rng: random.Random, name: str, env: str) -> str:
    replicas = rng.choice((1, 2, 3, 6))
    env_lines = "".join(
        f"            - name: {key}\n              value: {value!r}\n"
        for key, value in [
            ("LOG_LEVEL", rng.choice(("info", "debug", "warning"))),
            ("PORT", "8080"),
            ("REGION", rng.choice(("eu-west-1", "us-east-1"))),
        ][: rng.randint(1, 3)]
    )
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {env}
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/part-of: shop
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {name}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
    spec:
      serviceAccountName: {name}
      containers:
        - name: {name}
          image: {image(rng, name)}
          ports:
            - containerPort: 8080
              name: http
          env:
{env_lines}          resources:
            requests: {{cpu: {rng.choice((50, 100, 250))}m, memory: {rng.choice((64, 128, 256))}Mi}}
            limits: {{cpu: "1", memory: {rng.choice((256, 512))}Mi}}
          readinessProbe:
            httpGet: {{path: /healthz, port: http}}
            periodSeconds: 10
          livenessProbe:
            httpGet: {{path: /livez, port: http}}
            initialDelaySeconds: 15
"""


def k8s_service(rng: random.Random, name: str, env: str) -> str:
    return f"""apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {env}
spec:
  type: {rng.choice(("ClusterIP", "ClusterIP", "NodePort"))}
  selector:
    app.kubernetes.io/name: {name}
  ports:
    - name: http
      port: 80
      targetPort: http
"""


def config_map(rng: random.Random, name: str, env: str) -> str:
    settings = "\n".join(
        f"    {rng.choice(WORDS)}_{index}: {rng.randint(1, 500)}"
        for index in range(rng.randint(3, 12))
    )
    return f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}-config
  namespace: {env}
data:
  FEATURE_FLAGS: "search_v2,checkout_redesign"
  application.yaml: |
    server:
      port: 8080
{settings}
"""


def autoscaler(rng: random.Random, name: str, env: str) -> str:
    return f"""apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {name}
  namespace: {env}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {name}
  minReplicas: {rng.randint(1, 3)}
  maxReplicas: {rng.randint(4, 20)}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {{type: Utilization, averageUtilization: {rng.choice((60, 70, 80))}}}
"""


def ingress(rng: random.Random, name: str, env: str) -> str:
    return f"""apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {name}
  namespace: {env}
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
    nginx.ingress.kubernetes.io/proxy-body-size: 8m
spec:
  ingressClassName: nginx
  tls:
    - hosts: [{name}.{env}.acme.example]
      secretName: {name}-tls
  rules:
    - host: {name}.{env}.acme.example
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: {name}
                port: {{number: 80}}
"""


def cron_job(rng: random.Random, name: str, env: str) -> str:
    return f"""apiVersion: batch/v1
kind: CronJob
metadata:
  name: {name}-cleanup
  namespace: {env}
spec:
  schedule: "{rng.randint(0, 59)} {rng.randint(0, 23)} * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: cleanup
              image: {image(rng, name)}
              args: ["cleanup", "--older-than", "{rng.randint(7, 90)}d"]
"""


K8S_PARTS = (k8s_service, config_map, autoscaler, ingress, cron_job)


def k8s_manifest(rng: random.Random, number: int) -> tuple[str, str]:
    name, env = service(rng), rng.choice(ENVIRONMENTS)
    parts = [deployment(rng, name, env)]
    parts += [part(rng, name, env) for part in rng.sample(K8S_PARTS, rng.randint(0, 4))]
    rng.shuffle(parts)
    layout = rng.choice(("deploy/k8s/{env}/{name}.yaml", "deploy/k8s/{env}/{name}/app.yaml"))
    return layout.format(env=env, name=name), "---\n".join(parts)


def kustomization(rng: random.Random, number: int) -> tuple[str, str]:
    env = rng.choice(ENVIRONMENTS)
    names = rng.sample(SERVICES, rng.randint(2, 8))
    resources = "".join(f"  - {name}.yaml\n" for name in names)
    return f"deploy/k8s/{env}/kustomization.yaml", (
        f"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
        f"namespace: {env}\nresources:\n{resources}"
        f"commonLabels:\n  environment: {env}\n"
        f"images:\n  - name: ghcr.io/acme/{names[0]}\n    newTag: 1.{rng.randint(0, 40)}.0\n"
    )


def helm_template(rng: random.Random, number: int) -> tuple[str, str]:
    name = service(rng)
    which = rng.choice(("deployment", "service", "ingress", "configmap", "hpa"))
    body = f"""{{{{- if .Values.{which}.enabled }}}}
apiVersion: {"apps/v1" if which == "deployment" else "v1"}
kind: {which.capitalize()}
metadata:
  name: {{{{ include "{name}.fullname" . }}}}
  labels:
    {{{{- include "{name}.labels" . | nindent 4 }}}}
  {{{{- with .Values.podAnnotations }}}}
  annotations:
    {{{{- toYaml . | nindent 4 }}}}
  {{{{- end }}}}
spec:
  {{{{- if not .Values.autoscaling.enabled }}}}
  replicas: {{{{ .Values.replicaCount }}}}
  {{{{- end }}}}
  selector:
    matchLabels:
      {{{{- include "{name}.selectorLabels" . | nindent 6 }}}}
  template:
    spec:
      containers:
        - name: {{{{ .Chart.Name }}}}
          image: {HELM_IMAGE}
          imagePullPolicy: {{{{ .Values.image.pullPolicy }}}}
          ports:
            - name: http
              containerPort: {{{{ .Values.service.port }}}}
          resources:
            {{{{- toYaml .Values.resources | nindent 12 }}}}
      {{{{- with .Values.nodeSelector }}}}
      nodeSelector:
        {{{{- toYaml . | nindent 8 }}}}
      {{{{- end }}}}
"""
    extra = "".join(
        f"      # {sentence(rng)}\n      {{{{- /* {rng.choice(WORDS)} */ -}}}}\n"
        for _ in range(rng.randint(0, 12))
    )
    return f"charts/{name}/templates/{which}.yaml", body + extra + "{{- end }}\n"


def helm_values(rng: random.Random, number: int) -> tuple[str, str]:
    name = service(rng)
    env = rng.choice(("", *(f"-{env}" for env in ENVIRONMENTS)))
    comments = "".join(f"# {sentence(rng)}\n" for _ in range(rng.randint(1, 6)))
    return f"charts/{name}/values{env}.yaml", (
        f"""{comments}replicaCount: {rng.randint(1, 5)}
image:
  repository: ghcr.io/acme/{name}
  pullPolicy: IfNotPresent
  # Overrides the image tag whose default is the chart appVersion.
  tag: ""
imagePullSecrets: []
serviceAccount:
  create: true
  annotations: {{}}
  name: ""
podAnnotations: {{}}
service:
  type: ClusterIP
  port: 80
ingress:
  enabled: {rng.choice(("true", "false"))}
  className: nginx
  hosts:
    - host: {name}.acme.example
      paths:
        - path: /
          pathType: ImplementationSpecific
resources:
  limits:
    cpu: 500m
    memory: 512Mi
  requests:
    cpu: 100m
    memory: 128Mi
autoscaling:
  enabled: false
  minReplicas: 1
  maxReplicas: {rng.randint(3, 30)}
  targetCPUUtilizationPercentage: 80
nodeSelector: {{}}
tolerations: []
affinity: {{}}
"""
    )


def helm_chart(rng: random.Random, number: int) -> tuple[str, str]:
    name = service(rng)
    return f"charts/{name}/Chart.yaml", (
        f"apiVersion: v2\nname: {name}\ndescription: A Helm chart for the {name} service\n"
        f"type: application\nversion: 0.{rng.randint(1, 30)}.{rng.randint(0, 9)}\n"
        f'appVersion: "1.{rng.randint(0, 40)}.0"\n'
        "dependencies:\n  - name: redis\n    version: 17.x.x\n"
        "    repository: https://charts.bitnami.com/bitnami\n    condition: redis.enabled\n"
    )


def workflow(rng: random.Random, number: int) -> tuple[str, str]:
    name = rng.choice(("ci", "release", "docs", "lint", "nightly", "deploy", "codeql"))
    name = f"{name}-{service(rng)}" if rng.random() < 0.7 else name
    steps = "".join(
        f"      - name: {title(rng)}\n        run: |\n"
        f'          make {rng.choice(WORDS)}\n          echo "${{{{ github.sha }}}}"\n'
        for _ in range(rng.randint(2, 10))
    )
    return f".github/workflows/{name}.yml", (
        f"""name: {name}

on:
  push:
    branches: [main]
  pull_request:
    paths: ["services/**", ".github/workflows/{name}.yml"]
  workflow_dispatch:

concurrency:
  group: ${{{{ github.workflow }}}}-${{{{ github.ref }}}}
  cancel-in-progress: true

permissions:
  contents: read

jobs:
  build:
    runs-on: ${{{{ matrix.os }}}}
    strategy:
      fail-fast: false
      matrix:
        os: [ubuntu-latest, macos-latest]
        node: [18, 20, 22]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: ${{{{ matrix.node }}}}
          cache: npm
      - run: npm ci
{steps}      - name: Upload coverage
        if: ${{{{ always() && matrix.os == 'ubuntu-latest' }}}}
        uses: codecov/codecov-action@v4
        with:
          token: ${{{{ secrets.CODECOV_TOKEN }}}}
"""
    )


def compose(rng: random.Random, number: int) -> tuple[str, str]:
    names = rng.sample(SERVICES, rng.randint(2, 6))
    blocks = "".join(
        f"""  {name}:
    build: ./services/{name}
    image: {image(rng, name)}
    ports:
      - "{8000 + index}:8080"
    environment:
      DATABASE_URL: postgres://app:app@db:5432/{name}
      REDIS_URL: redis://redis:6379/0
    depends_on: [db, redis]
"""
        for index, name in enumerate(names)
    )
    path = rng.choice(("deploy/compose/{env}.yml", "services/{name}/docker-compose.yml"))
    return path.format(env=rng.choice(ENVIRONMENTS), name=names[0]), (
        f"""version: "3.9"
services:
{blocks}  db:
    image: postgres:16
    environment: {{POSTGRES_USER: app, POSTGRES_PASSWORD: app}}
    volumes: [db-data:/var/lib/postgresql/data]
  redis:
    image: redis:7-alpine
volumes:
  db-data: {{}}
"""
    )


def openapi(rng: random.Random, number: int) -> tuple[str, str]:
    name = service(rng)
    paths = []
    schemas = []
    for index in range(rng.randint(3, 14)):
        resource = f"{rng.choice(WORDS)}{index}"
        paths.append(
            f"""  /{resource}s:
    get:
      summary: List {resource}s
      operationId: list{resource.capitalize()}s
      tags: [{name}]
      parameters:
        - {{name: limit, in: query, schema: {{type: integer, maximum: 100}}}}
        - {{name: cursor, in: query, schema: {{type: string}}}}
      responses:
        "200":
          description: A page of {resource}s
          content:
            application/json:
              schema:
                type: array
                items: {{$ref: "#/components/schemas/{resource.capitalize()}"}}
        "401": {{$ref: "#/components/responses/Unauthorized"}}
  /{resource}s/{{id}}:
    delete:
      summary: Delete a {resource}
      parameters:
        - {{name: id, in: path, required: true, schema: {{type: string, format: uuid}}}}
      responses:
        "204": {{description: Deleted}}
"""
        )
        schemas.append(
            f"""    {resource.capitalize()}:
      type: object
      required: [id, created_at]
      properties:
        id: {{type: string, format: uuid}}
        created_at: {{type: string, format: date-time}}
        {rng.choice(WORDS)}: {{type: string, maxLength: {rng.randint(10, 200)}}}
        count: {{type: integer, minimum: 0}}
"""
        )
    return f"api/{name}/openapi.yaml", (
        f"""openapi: 3.0.3
info:
  title: {name.capitalize()} API
  version: 1.{rng.randint(0, 20)}.0
  description: >-
    {paragraph(rng)}
servers:
  - url: https://api.acme.example/{name}
paths:
{"".join(paths)}components:
  responses:
    Unauthorized:
      description: Missing or invalid token
  securitySchemes:
    bearer: {{type: http, scheme: bearer, bearerFormat: JWT}}
  schemas:
{"".join(schemas)}security:
  - bearer: []
"""
    )


def cloudformation(rng: random.Random, number: int) -> tuple[str, str]:
    name = service(rng)
    buckets = "".join(
        f"""  {rng.choice(WORDS).capitalize()}Bucket{index}:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${{AWS::StackName}}-{name}-{index}"
      Tags:
        - Key: service
          Value: !Ref ServiceName
"""
        for index in range(rng.randint(1, 8))
    )
    return f"deploy/cloudformation/{name}.yaml", (
        f"""AWSTemplateFormatVersion: "2010-09-09"
Description: {sentence(rng)}
Parameters:
  ServiceName:
    Type: String
    Default: {name}
Conditions:
  IsProd: !Equals [!Ref "AWS::AccountId", "123456789012"]
Resources:
{buckets}  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Join ["-", [!Ref ServiceName, events]]
      VisibilityTimeout: !If [IsProd, 300, 60]
Outputs:
  QueueArn:
    Value: !GetAtt Queue.Arn
"""
    )


def catalog_info(rng: random.Random, number: int) -> tuple[str, str]:
    name = service(rng)
    return f"services/{name}/catalog-info.yaml", (
        f"""apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: {name}
  description: {sentence(rng)}
  annotations:
    github.com/project-slug: acme/shop
  tags: [{", ".join(rng.sample(WORDS, 3))}]
spec:
  type: service
  lifecycle: production
  owner: team-{name}
  providesApis: [{name}-api]
"""
    )


def playbook(rng: random.Random, number: int) -> tuple[str, str]:
    tasks = "".join(
        f"""    - name: {title(rng, 4)}
      ansible.builtin.template:
        src: "{{{{ item }}}}.j2"
        dest: "/etc/{{{{ app_name }}}}/{{{{ item }}}}"
        mode: "0644"
      loop: [{", ".join(rng.sample(WORDS, 2))}]
      notify: restart app
"""
        for _ in range(rng.randint(2, 10))
    )
    return f"ansible/playbooks/{slug(rng)}.yml", (
        f"""- hosts: {rng.choice(("web", "workers", "all"))}
  become: true
  vars:
    app_name: {service(rng)}
  tasks:
{tasks}  handlers:
    - name: restart app
      ansible.builtin.service: {{name: "{{{{ app_name }}}}", state: restarted}}
"""
    )


def app_settings(rng: random.Random, number: int) -> tuple[str, str]:
    name, env = service(rng), rng.choice(ENVIRONMENTS)
    keys = "".join(
        f"  {rng.choice(WORDS)}_{index}: {rng.choice(('true', 'false', rng.randint(1, 900)))}\n"
        for index in range(rng.randint(3, 30))
    )
    return f"config/{name}/{env}.yaml", (
        f"""# Settings of {name} in {env}; secrets come from the vault.
server:
  host: 0.0.0.0
  port: 8080
  timeout: {rng.randint(1, 60)}s
database:
  url: postgres://{name}@db.{env}.internal:5432/{name}
  pool: {{min: 2, max: {rng.randint(5, 50)}}}
cache: &cache
  backend: redis
  ttl: {rng.randint(30, 3600)}
sessions:
  <<: *cache
  ttl: 86400
features:
{keys}"""
    )


def issue_form(rng: random.Random, number: int) -> tuple[str, str]:
    which = rng.choice(("bug_report", "feature_request", "question", "incident"))
    return f".github/ISSUE_TEMPLATE/{which}.yml", (
        f"""name: {which.replace("_", " ").capitalize()}
description: {sentence(rng)}
labels: [triage]
body:
  - type: textarea
    id: what
    attributes:
      label: What happened?
      placeholder: {sentence(rng)}
    validations:
      required: true
  - type: dropdown
    id: service
    attributes:
      label: Service
      options: [{", ".join(SERVICES)}]
"""
    )


# -- JSON ----------------------------------------------------------------------------------


def package_json(rng: random.Random, number: int) -> tuple[str, str]:
    name = service(rng)
    folder = rng.choice(("services", "packages"))
    deps = {pkg: f"^{rng.randint(1, 18)}.{rng.randint(0, 9)}.0" for pkg in rng.sample(PACKAGES, 6)}
    return f"{folder}/{name}/package.json", dumps(
        {
            "name": f"@acme/{name}",
            "version": f"1.{rng.randint(0, 40)}.0",
            "private": True,
            "type": "module",
            "main": "dist/index.js",
            "scripts": {
                "build": "tsc -p .",
                "test": "jest --coverage",
                "lint": "eslint src --ext .ts",
                "start": "node dist/index.js",
            },
            "dependencies": dict(list(deps.items())[:3]),
            "devDependencies": dict(list(deps.items())[3:]),
            "engines": {"node": ">=18"},
        }
    )


def tsconfig(rng: random.Random, number: int) -> tuple[str, str]:
    name = service(rng)
    return f"services/{name}/tsconfig.json", (
        f"""{{
  // Shared settings live in the root tsconfig.
  "extends": "../../tsconfig.json",
  "compilerOptions": {{
    /* Emit */
    "outDir": "dist",
    "rootDir": "src",
    "declaration": true,
    "sourceMap": {rng.choice(("true", "false"))}, // off in CI
    "paths": {{
      "@acme/*": ["../../packages/*/src"],
    }},
  }},
  "include": ["src/**/*.ts"],
  "exclude": ["node_modules", "dist", "**/*.test.ts"],
}}
"""
    )


def jsonc(rng: random.Random, number: int) -> tuple[str, str]:
    which = rng.choice(("settings", "launch", "devcontainer", "eslintrc"))
    name = service(rng)
    if which == "launch":
        configurations = ",\n".join(
            f"""    {{
      // {sentence(rng)}
      "type": "node",
      "request": "launch",
      "name": "Debug {name} {index}",
      "program": "${{workspaceFolder}}/services/{name}/src/index.ts",
      "envFile": "${{workspaceFolder}}/.env",
    }}"""
            for index in range(rng.randint(1, 5))
        )
        return f"services/{name}/.vscode/launch.json", (
            f'{{\n  "version": "0.2.0",\n  "configurations": [\n{configurations},\n  ],\n}}\n'
        )
    if which == "devcontainer":
        return f"services/{name}/.devcontainer/devcontainer.json", (
            f"""// For format details, see https://aka.ms/devcontainer.json.
{{
  "name": "{name}",
  "image": "mcr.microsoft.com/devcontainers/typescript-node:1-20",
  "forwardPorts": [8080, 9229],
  /* Run once the container is created. */
  "postCreateCommand": "npm ci",
  "customizations": {{
    "vscode": {{
      "extensions": ["dbaeumer.vscode-eslint", "esbenp.prettier-vscode"],
    }},
  }},
}}
"""
        )
    if which == "eslintrc":
        return f"services/{name}/.eslintrc.json", (
            f"""{{
  "root": true,
  "parser": "@typescript-eslint/parser",
  "plugins": ["@typescript-eslint"],
  "extends": ["eslint:recommended", "plugin:@typescript-eslint/recommended"],
  "rules": {{
    // {sentence(rng)}
    "no-console": "warn",
    "@typescript-eslint/no-unused-vars": ["error", {{"argsIgnorePattern": "^_"}}],
  }},
}}
"""
        )
    return f"services/{name}/.vscode/settings.json", (
        f"""{{
  // {sentence(rng)}
  "editor.formatOnSave": true,
  "editor.defaultFormatter": "esbenp.prettier-vscode",
  "files.exclude": {{
    "**/dist": true, // build output
    "**/node_modules": true,
  }},
  "typescript.tsdk": "node_modules/typescript/lib",
}}
"""
    )


def event(rng: random.Random, number: int) -> str:
    return json.dumps(
        {
            "ts": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T"
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z",
            "id": f"evt_{number}_{rng.getrandbits(40):010x}",
            "kind": rng.choice(EVENTS),
            "user_id": f"u{rng.randint(1, 10**6)}",
            "session": f"{rng.getrandbits(64):016x}",
            "props": {
                "page": f"/{rng.choice(WORDS)}/{rng.randint(1, 999)}",
                "referrer": rng.choice((None, "google", "newsletter", "direct")),
                "value": round(rng.random() * 100, 2),
            },
        }
    )


def ndjson_fixture(rng: random.Random, number: int) -> tuple[str, str]:
    lines = [event(rng, index) for index in range(rng.randint(4, 40))]
    return f"tests/fixtures/events/{service(rng)}-{number}.json", "\n".join(lines) + "\n"


def ndjson_sample(rng: random.Random, number: int) -> tuple[str, str]:
    target = rng.randint(50_000, 200_000)
    lines: list[str] = []
    size = 0
    while size < target:
        lines.append(event(rng, len(lines)))
        size += len(lines[-1]) + 1
    return f"data/samples/{rng.choice(EVENTS)}-{number}.json", "\n".join(lines) + "\n"


def json_schema(rng: random.Random, number: int) -> tuple[str, str]:
    name = slug(rng)
    properties = {
        f"{rng.choice(WORDS)}_{index}": rng.choice(
            (
                {"type": "string", "maxLength": rng.randint(8, 256)},
                {"type": "integer", "minimum": 0},
                {"type": "boolean"},
                {"type": "array", "items": {"type": "string"}},
            )
        )
        for index in range(rng.randint(3, 25))
    }
    return f"schemas/{name}.schema.json", dumps(
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://acme.example/schemas/{name}.json",
            "title": title(rng),
            "type": "object",
            "required": sorted(properties)[:2],
            "properties": properties,
            "additionalProperties": False,
        }
    )


def translations(rng: random.Random, number: int) -> tuple[str, str]:
    lang = rng.choice(("en", "de", "fr", "es", "it", "nl", "pl", "pt"))
    messages = {
        f"{rng.choice(WORDS)}.{rng.choice(WORDS)}_{index}": sentence(rng)
        for index in range(rng.randint(10, 80))
    }
    return f"locales/{lang}/{service(rng)}.json", dumps(messages)


def api_fixture(rng: random.Random, number: int) -> tuple[str, str]:
    items = [
        {
            "id": f"{rng.getrandbits(64):016x}",
            "name": title(rng),
            "price": {"amount": rng.randint(100, 99_999), "currency": "EUR"},
            "tags": rng.sample(WORDS, 3),
            "available": rng.random() < 0.8,
        }
        for _ in range(rng.randint(1, 30))
    ]
    return f"tests/fixtures/api/{service(rng)}-{number}.json", dumps(
        {"data": items, "next_cursor": None, "total": len(items)}
    )


# -- Markdown ------------------------------------------------------------------------------

FENCES = (
    lambda rng: "```yaml\n" + deployment(rng, service(rng), "dev") + "```",
    lambda rng: "```yaml\n" + app_settings(rng, 0)[1] + "```",
    lambda rng: "```json\n" + api_fixture(rng, 0)[1] + "```",
    lambda rng: "```json\n" + package_json(rng, 0)[1] + "```",
    lambda rng: f"```sh\nnpm ci\nmake {rng.choice(WORDS)}\nkubectl apply -k deploy/k8s/dev\n```",
    lambda rng: f"```python\nimport requests\n\nrequests.get('https://{service(rng)}')\n```",
)


def markdown(rng: random.Random, front_matter: bool) -> str:
    parts = []
    if front_matter:
        parts.append(
            f"---\ntitle: {title(rng)}\ndescription: {sentence(rng)}\n"
            f"tags: [{', '.join(rng.sample(WORDS, 2))}]\n---"
        )
    parts.append(f"# {title(rng)}")
    for _ in range(rng.randint(1, 6)):
        parts.append(f"## {title(rng)}")
        parts.append(paragraph(rng))
        if rng.random() < 0.4:
            parts.append("\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 6))))
        if rng.random() < 0.5:
            parts.append(rng.choice(FENCES)(rng))
    return "\n\n".join(parts) + "\n"


def doc_page(rng: random.Random, number: int) -> tuple[str, str]:
    section = rng.choice(("guides", "runbooks", "architecture", "reference", "how-to"))
    return f"docs/{section}/{slug(rng)}.md", markdown(rng, rng.random() < 0.5)


def service_readme(rng: random.Random, number: int) -> tuple[str, str]:
    folder = rng.choice(("services", "packages", "charts"))
    return f"{folder}/{service(rng)}/README.md", markdown(rng, False)


def adr(rng: random.Random, number: int) -> tuple[str, str]:
    return f"docs/adr/{number:04d}-{slug(rng)}.md", (
        f"# {number}. {title(rng, 5)}\n\nDate: 2026-{rng.randint(1, 12):02d}-01\n\n"
        f"## Status\n\nAccepted\n\n## Context\n\n{paragraph(rng)}\n\n"
        f"## Decision\n\n{paragraph(rng)}\n\n## Consequences\n\n{paragraph(rng)}\n"
    )


# -- files no YAML, JSON or Markdown tool reads ------------------------------------------


def python_module(rng: random.Random, number: int) -> tuple[str, str]:
    functions = "".join(
        f'\n\ndef {rng.choice(WORDS)}_{index}(value: str) -> str:\n    """{sentence(rng)}"""\n'
        f"    return value.strip().lower()\n"
        for index in range(rng.randint(2, 20))
    )
    folder = rng.choice(("src/shop", "src/shop/api", "tests", "scripts", "tools"))
    prefix = "test_" if folder == "tests" else ""
    return f"{folder}/{prefix}{rng.choice(WORDS)}_{number}.py", (
        f'"""{sentence(rng)}"""\n\nfrom __future__ import annotations\n\nimport json\n' + functions
    )


def typescript(rng: random.Random, number: int) -> tuple[str, str]:
    functions = "".join(
        f"\n// {sentence(rng)}\nexport function {rng.choice(WORDS)}{index}(input: string): "
        "string {\n  return input.trim().toLowerCase();\n}\n"
        for index in range(rng.randint(2, 16))
    )
    return f"services/{service(rng)}/src/{rng.choice(WORDS)}-{number}.ts", (
        "import { z } from 'zod';\n" + functions
    )


def text_file(rng: random.Random, number: int) -> tuple[str, str]:
    if rng.random() < 0.5:
        pins = "".join(
            f"{pkg}=={rng.randint(1, 9)}.{rng.randint(0, 30)}\n" for pkg in PYTHON_PACKAGES
        )
        return f"requirements/{rng.choice(('base', 'dev', 'test', 'docs'))}-{number}.txt", pins
    return f"notes/{slug(rng)}-{number}.txt", paragraph(rng) + "\n"


def other_file(rng: random.Random, number: int) -> tuple[str, str]:
    name = service(rng)
    which = rng.choice(("Dockerfile", "sh", "tpl"))
    if which == "Dockerfile":
        return f"services/{name}/Dockerfile", (
            "FROM node:20-alpine AS build\nWORKDIR /app\nCOPY package*.json ./\n"
            "RUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM node:20-alpine\n"
            'COPY --from=build /app/dist /app\nCMD ["node", "/app/index.js"]\n'
        )
    if which == "sh":
        return f"scripts/{slug(rng)}.sh", (
            f"#!/usr/bin/env bash\nset -euo pipefail\n# {sentence(rng)}\n"
            f"kubectl -n {rng.choice(ENVIRONMENTS)} rollout restart deploy/{name}\n"
        )
    return f"charts/{name}/templates/_helpers.tpl", (
        f'{{{{- define "{name}.fullname" -}}}}\n'
        f'{{{{- .Release.Name | trunc 63 | trimSuffix "-" }}}}\n{{{{- end }}}}\n'
    )


# -- folders every tool skips ------------------------------------------------------------


def node_module(rng: random.Random, number: int) -> tuple[str, str]:
    package = rng.choice(PACKAGES)
    base = rng.choice(("node_modules", f"services/{service(rng)}/node_modules"))
    which = rng.choice(("package.json", "README.md", "index.js", "ci.yml", "tsconfig.json"))
    if which == "package.json":
        text = dumps({"name": package, "version": f"{rng.randint(1, 9)}.0.0", "main": "index.js"})
    elif which == "README.md":
        text = markdown(rng, False)
    elif which == "index.js":
        text = f"module.exports = require('./lib/{package}');\n"
    elif which == "ci.yml":
        which = ".github/workflows/ci.yml"
        text = workflow(rng, number)[1]
    else:
        text = tsconfig(rng, number)[1]
    return f"{base}/{package}/{which}", text


def git_file(rng: random.Random, number: int) -> tuple[str, str]:
    which = rng.choice(("objects", "json", "yaml"))
    if which == "objects":
        return f".git/objects/{rng.getrandbits(8):02x}/{rng.getrandbits(152):038x}", (
            f"{rng.getrandbits(256):064x}\n"
        )
    if which == "json":
        return f".git/lfs/tmp/{number}.json", dumps({"oid": f"{rng.getrandbits(128):032x}"})
    return f".git/hooks/{slug(rng)}.yaml", app_settings(rng, number)[1]


def venv_file(rng: random.Random, number: int) -> tuple[str, str]:
    package = rng.choice(PYTHON_PACKAGES)
    base = f".venv/lib/python3.12/site-packages/{package}"
    which = rng.choice(("py", "json", "yaml", "md"))
    if which == "py":
        return f"{base}/{rng.choice(WORDS)}_{number}.py", python_module(rng, number)[1]
    if which == "json":
        return f"{base}/data/{rng.choice(WORDS)}_{number}.json", json_schema(rng, number)[1]
    if which == "yaml":
        return f"{base}/tests/{rng.choice(WORDS)}_{number}.yaml", k8s_manifest(rng, number)[1]
    return f"{base}-1.0.dist-info/README.md", markdown(rng, True)


def tool_cache(rng: random.Random, number: int) -> tuple[str, str]:
    module = f"{rng.choice(WORDS)}_{number}"
    which = rng.choice(("mypy", "mypy", "pycache", "pytest", "tox", "dist", "build"))
    if which == "mypy":
        return f".mypy_cache/3.12/shop/{module}.data.json", dumps(
            {".class": "MypyFile", "_fullname": f"shop.{module}", "names": {}}
        )
    if which == "pycache":
        return f"src/shop/__pycache__/{module}.cpython-312.pyc", f"{rng.getrandbits(512):x}\n"
    if which == "pytest":
        return ".pytest_cache/README.md", "# pytest cache directory #\n\nDo not commit.\n"
    if which == "tox":
        return f".tox/py312/log/{module}.json", dumps({"toxversion": "4.11", "platform": "linux"})
    if which == "dist":
        return f"services/{service(rng)}/dist/manifest-{number}.json", package_json(rng, 0)[1]
    return f"build/lib/shop/{module}.yaml", app_settings(rng, number)[1]


# -- the tree ------------------------------------------------------------------------------


def fixed(path: str, text: str) -> Maker:
    return lambda rng, number: (path, text)


GITIGNORE = """node_modules/
dist/
build/
.venv/
__pycache__/
*.pyc
.mypy_cache/
.pytest_cache/
.tox/
coverage/
.env
*.log
.DS_Store
"""

MKDOCS = """site_name: Acme Shop
repo_url: https://github.com/acme/shop
theme:
  name: material
  features: [navigation.tabs, content.code.copy]
nav:
  - Home: index.md
  - Guides: guides/
  - Architecture decisions: adr/
plugins:
  - search
  - awesome-pages
markdown_extensions:
  - admonition
  - toc:
      permalink: true
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""

ROOT_TSCONFIG = """{
  /* Visit https://aka.ms/tsconfig to read more about this file */
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "strict": true,
    "esModuleInterop": true, // for the CommonJS packages
    "skipLibCheck": true,
  },
}
"""

PRE_COMMIT = """repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v4.6.0
    hooks:
      - id: check-yaml
        args: [--allow-multiple-documents]
        exclude: ^charts/.*/templates/
      - id: end-of-file-fixer
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.6.0
    hooks: [{id: ruff}, {id: ruff-format}]
"""

DEPENDABOT = """version: 2
updates:
  - package-ecosystem: npm
    directory: /
    schedule: {interval: weekly}
  - package-ecosystem: github-actions
    directory: /
    schedule: {interval: monthly}
"""

PYPROJECT = """[project]
name = "shop-tools"
version = "0.1.0"
requires-python = ">=3.11"

[tool.ruff]
line-length = 100
"""


def root_files(rng: random.Random) -> list[Maker]:
    """The files every repository of this kind has, written first."""
    package = package_json(rng, 0)[1].replace('"@acme/', '"@acme/root-', 1)
    return [
        fixed("README.md", markdown(rng, False)),
        fixed(".gitignore", GITIGNORE),
        fixed("package.json", package),
        fixed("tsconfig.json", ROOT_TSCONFIG),
        fixed("docker-compose.yml", compose(rng, 0)[1]),
        fixed("mkdocs.yml", MKDOCS),
        fixed(".pre-commit-config.yaml", PRE_COMMIT),
        fixed(".github/dependabot.yml", DEPENDABOT),
        fixed(".github/workflows/ci.yml", workflow(rng, 0)[1]),
        fixed(".vscode/settings.json", jsonc(rng, 0)[1]),
        fixed(".vscode/extensions.json", '{\n  // Recommended\n  "recommendations": [],\n}\n'),
        fixed("pyproject.toml", PYPROJECT),
        fixed(".git/HEAD", "ref: refs/heads/main\n"),
        fixed(".git/config", "[core]\n\trepositoryformatversion = 0\n\tbare = false\n"),
        fixed(".git/lfs/tmp/0.json", dumps({"oid": "0" * 32})),
        fixed("node_modules/yaml/package.json", dumps({"name": "yaml", "version": "2.4.0"})),
        fixed("node_modules/yaml/README.md", markdown(rng, False)),
        fixed("node_modules/yaml/.github/workflows/ci.yml", workflow(rng, 0)[1]),
        fixed(".venv/lib/python3.12/site-packages/yaml/tests/data.yaml", DEPENDABOT),
        fixed("dist/assets/manifest.json", dumps({"index.html": {"file": "index.js"}})),
        fixed("build/lib/shop/settings.yaml", DEPENDABOT),
        fixed(".mypy_cache/3.12/shop/__init__.data.json", dumps({".class": "MypyFile"})),
        fixed("src/shop/__init__.py", '"""The shop\'s tools."""\n'),
        fixed("CHANGELOG.md", "\n\n".join(f"## 1.{n}.0\n\n{paragraph(rng)}" for n in range(12))),
    ]


# (maker, weight): weights are about percentages of the files.
MAKERS: tuple[tuple[Maker, float], ...] = (
    (k8s_manifest, 10),
    (kustomization, 1),
    (helm_template, 6),
    (helm_values, 2),
    (helm_chart, 1),
    (workflow, 3),
    (compose, 1),
    (openapi, 2),
    (cloudformation, 1),
    (catalog_info, 1),
    (playbook, 1),
    (app_settings, 3),
    (issue_form, 0.5),
    (package_json, 3),
    (tsconfig, 1.5),
    (jsonc, 2),
    (ndjson_fixture, 4),
    (ndjson_sample, 1),
    (json_schema, 2),
    (translations, 2),
    (api_fixture, 3),
    (doc_page, 13),
    (service_readme, 3),
    (adr, 2),
    (python_module, 8),
    (typescript, 6),
    (text_file, 2),
    (other_file, 2),
    (node_module, 9),
    (git_file, 1.5),
    (venv_file, 2.5),
    (tool_cache, 2.5),
)


def unique(path: str, number: int, used: set[str]) -> str:
    """``path``, or with ``-number`` before its suffix when it is taken."""
    stem, dot, suffix = path.rpartition(".")
    if not dot or "/" in suffix:
        stem, suffix = path, ""
    again = 0
    while path in used:
        again += 1
        tail = f"-{number}" if again == 1 else f"-{number}-{again}"
        path = f"{stem}{tail}.{suffix}" if suffix else f"{stem}{tail}"
    used.add(path)
    return path


def write(folder: Path, count: int, seed: int = SEED) -> list[Path]:
    """Write ``count`` files under ``folder``; returns their paths, in order."""
    rng = random.Random(seed)
    makers = root_files(rng)
    weights = [weight for _, weight in MAKERS]
    choices = rng.choices([maker for maker, _ in MAKERS], weights, k=max(0, count - len(makers)))
    used: set[str] = set()
    paths: list[Path] = []
    for number, maker in enumerate((makers + choices)[:count]):
        relative, text = maker(rng, number)
        path = folder / unique(relative, number, used)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        sys.exit("usage: python bench/nocontract.py DIR N")
    paths = write(Path(argv[0]), int(argv[1]))
    size = sum(path.stat().st_size for path in paths)
    print(f"{len(paths)} files, {size / 1024 / 1024:.1f} MiB, in {argv[0]}")


if __name__ == "__main__":
    main(sys.argv[1:])
