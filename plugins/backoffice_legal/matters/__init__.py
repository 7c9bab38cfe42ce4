"""Legal matters (disputes and cases) and advice requests from any member."""
