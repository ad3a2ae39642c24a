// Generated code only: see openapi.yaml.
