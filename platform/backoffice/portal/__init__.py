"""The service portal: any member asks any department for something from one place.

Modules describe what can be asked of them as ``RequestType`` values (``register_request_types``):
a form, the permission of the department's queue, a response-time target and ``accept``, which
turns an accepted request into the module's own record (an IT ticket, a travel request ...).
This package keeps the requests themselves (``tables``), their rules (``services``, with the form
checks in ``forms``) and the GraphQL fields (``graphql``). It knows no module by name.
"""
