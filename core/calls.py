"""The numbers the site tells people to call: 999 for an emergency, 111 for urgent help the
same day. Red flags name theirs by level (``conditions.urgency.CALL_NUMBERS``); search ranks an
emergency first by it."""

EMERGENCY_CALL = "999"
URGENT_CALL = "111"
