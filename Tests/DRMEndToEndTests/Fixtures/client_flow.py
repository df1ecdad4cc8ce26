"""A flow through the Python client that openapi-python-client generated from /api/v1/openapi.json (#14 item 5):
log in, create a target, pin its host key, create a job, run it, wait for it, read its results. Every call goes
through the generated operation modules and their typed models; the script fails on any surprise.

Usage: python client_flow.py PACKAGE_DIR BASE_URL PASSWORD SSH_HOST SSH_PORT SSH_USER SSH_PASSWORD HOST_KEY
"""
import importlib
import inspect
import sys
import time
import typing

package_dir, base_url, password, ssh_host, ssh_port, ssh_user, ssh_password, host_key = sys.argv[1:9]
sys.path.insert(0, package_dir)
client_module = importlib.import_module("client")


def call(client, operation, body=None, **arguments):
    """Calls a generated operation with its generated body model; returns the typed parsed response."""
    module = importlib.import_module(f"client.api.default.{operation}")
    if body is not None:
        hints = typing.get_type_hints(module.sync_detailed)
        model = next(t for t in typing.get_args(hints["body"]) or [hints["body"]] if hasattr(t, "from_dict"))
        arguments["body"] = model.from_dict(body)
    response = module.sync_detailed(client=client, **arguments)
    assert 200 <= response.status_code.value < 300, f"{operation}: {response.status_code} {response.content!r}"
    assert response.parsed is not None, f"{operation}: the generated client parsed nothing from {response.content!r}"
    return response.parsed


anonymous = client_module.Client(base_url=base_url, raise_on_unexpected_status=True)
tokens = call(anonymous, "post_api_v1_auth_login", {"username": "admin", "password": password})
assert tokens.user.username == "admin" and tokens.access_token, tokens
admin = client_module.AuthenticatedClient(base_url=base_url, token=tokens.access_token)

target = call(admin, "post_api_v1_targets", {
    "name": "client-1", "tags": ["client"],
    "communication_methods": [{"method_type": "ssh", "config": {"host": ssh_host, "port": int(ssh_port)},
                               "credential": {"type": "password", "username": ssh_user, "password": ssh_password}}],
})
method_id = target.communication_methods[0].id
call(admin, "put_api_v1_targets_id_methods_method_id_host_key", {"host_key": host_key}, id=target.id,
     method_id=method_id)

job = call(admin, "post_api_v1_jobs", {
    "name": "client-flow", "target_ids": [target.id], "options": [{"name": "word", "required": True}],
    "actions": [{"action_type": "command", "action_name": "say",
                 "action_parameters": {"command": "echo {{word}} from {{target.name}}"}}],
})
launched = call(admin, "post_api_v1_jobs_id_run", {"parameters": {"word": "hello"}}, id=job.id)
deadline = time.time() + 120
while True:
    detail = call(admin, "get_api_v1_executions_id", id=launched.execution_id)
    status = detail.summary.status.value if hasattr(detail.summary.status, "value") else detail.summary.status
    if status not in ("queued", "running", "scheduled"):
        break
    assert time.time() < deadline, f"execution still {status}"
    time.sleep(0.5)
assert status == "completed", f"the execution ended {status}"
results = call(admin, "get_api_v1_executions_id_results", id=launched.execution_id)
assert [r.output for r in results] == ["hello from client-1\n"], [r.to_dict() for r in results]
assert detail.summary.started_at.tzinfo is not None, "dates are ISO 8601 with an offset"
print(f"client flow: {detail.summary.serial} {status}, output {results[0].output!r}")
