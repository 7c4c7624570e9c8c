"""Writes the subset of Asana's OpenAPI document that the built-in asana connector calls (for Prism tests).

Usage: python3 testing/openapi/subset_asana_oas.py asana_oas.yaml > jobs/src/test/resources/openapi/asana_oas.yaml
(then put the header comment back: source, commit, what was kept). Keeps the GET operations and path-level
parameters of PATHS and every component they reference, transitively; the rest of the document is copied as is.
"""
import re
import sys

import yaml

PATHS = ['/workspaces', '/workspaces/{workspace_gid}/users', '/workspaces/{workspace_gid}/projects',
         '/workspaces/{workspace_gid}/tags', '/projects/{project_gid}/sections', '/tasks']


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == '$ref' and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def main(source):
    with open(source, encoding='utf-8') as f:
        src = yaml.safe_load(f)
    out = {key: value for key, value in src.items() if key not in ('paths', 'components', 'tags')}
    out['paths'] = {path: {k: v for k, v in src['paths'][path].items() if k in ('get', 'parameters')}
                    for path in PATHS}
    components = src['components']
    keep = {'securitySchemes': set(components['securitySchemes'])}
    todo, seen = list(refs(out['paths'])), set()
    while todo:
        ref = todo.pop()
        if ref in seen:
            continue
        seen.add(ref)
        section, name = re.match(r'#/components/([^/]+)/(.+)$', ref).groups()
        keep.setdefault(section, set()).add(name)
        todo.extend(refs(components[section][name]))
    out['components'] = {section: {name: node for name, node in components[section].items() if name in keep[section]}
                         for section in components if section in keep}
    used_tags = {tag for item in out['paths'].values() for tag in item.get('get', {}).get('tags', [])}
    if 'tags' in src:
        out['tags'] = [tag for tag in src['tags'] if tag['name'] in used_tags]
    sys.stdout.write(yaml.safe_dump(out, sort_keys=False, allow_unicode=True, width=120))


if __name__ == '__main__':
    main(sys.argv[1])
