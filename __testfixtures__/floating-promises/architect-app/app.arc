@app
orders-app

@http
get /
post /orders
