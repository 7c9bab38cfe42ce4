"""Stock issue documents: goods to take out of stock for use inside the company (office
supplies for a department, say), drafted by hand or from an approved supply request in general
affairs, reviewed by logistics and posted once."""
