"""Services of the inspection app: plans and draws, inspections, complaints."""
