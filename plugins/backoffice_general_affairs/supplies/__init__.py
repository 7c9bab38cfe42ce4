"""Office supplies: a catalogue, requests from members, and GA's decision; an approved request
tells logistics what to issue (``ga.supply_request_approved``)."""
