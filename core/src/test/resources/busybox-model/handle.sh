#!/bin/sh
# One HTTP exchange of the example model server (KServe V2 protocol), stdin/stdout = the connection.
cr=$(printf '\r')
read -r method path _ || exit 0
# INFER_DELAY_SECONDS (tests only): a slow model, on inference requests only (its readiness stays quick)
[ "$method" = POST ] && [ "${INFER_DELAY_SECONDS:-0}" != 0 ] && sleep "$INFER_DELAY_SECONDS"
length=0
while IFS= read -r header; do
  header=${header%"$cr"}
  [ -z "$header" ] && break
  case "$header" in
    [Cc]ontent-[Ll]ength:*) length=$(echo "${header#*:}" | tr -d ' ') ;;
  esac
done
body=
[ "$length" -gt 0 ] 2>/dev/null && body=$(head -c "$length")

respond() { # status, json
  printf 'HTTP/1.0 %s\r\nContent-Type: application/json\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' \
    "$1" "${#2}" "$2"
  echo "$method $path ${1%% *}" >&2
}

state=$MODEL_STATE
case "$method $path" in
  "GET /v2/health/live") respond "200 OK" '{"live":true}' ;;
  "GET /v2/health/ready"|"GET /v2/models/iris/ready")
    if [ -f "$state/ready" ]; then respond "200 OK" '{"ready":true}'; else respond "503 Service Unavailable" '{"ready":false}'; fi ;;
  "GET /v2/models/iris")
    respond "200 OK" '{"name":"iris","versions":["1"],"platform":"busybox-awk","inputs":[{"name":"input-0","datatype":"FP32","shape":[-1,4]}],"outputs":[{"name":"class","datatype":"BYTES","shape":[-1]},{"name":"probabilities","datatype":"FP32","shape":[-1,3]}]}' ;;
  "POST /v2/models/iris/infer")
    [ -f "$state/ready" ] || { respond "503 Service Unavailable" '{"error":"model is still loading"}'; exit 0; }
    data=$(printf '%s' "$body" | tr -d ' \n\r\t' | sed -n 's/.*"data":\[\([-0-9.eE,+]*\)\].*/\1/p')
    if [ -z "$data" ]; then respond "400 Bad Request" '{"error":"expected {\"inputs\":[{\"name\":\"input-0\",\"shape\":[N,4],\"datatype\":\"FP32\",\"data\":[...]}]}"}'; exit 0; fi
    result=$(echo "$data" | awk -v coefficients="$state/coefficients" -v intercepts="$state/intercepts" -v classes="$state/classes" '
      # busybox awk has no exp(): range-reduce to |x| <= 1, Taylor series, then square back up.
      function expo(x,   k, t, i) {
        k = 0; while (x < -1 || x > 1) { x = x / 2; k++ }
        t = 1 + x * (1 + x / 2 * (1 + x / 3 * (1 + x / 4 * (1 + x / 5 * (1 + x / 6 * (1 + x / 7))))))
        for (i = 0; i < k; i++) t = t * t
        return t
      }
      BEGIN {
        k = 0; while ((getline line < coefficients) > 0) { n = split(line, c, ","); for (j = 1; j <= n; j++) w[k, j] = c[j]; k++ }
        getline line < intercepts; split(line, b, ",")
        getline line < classes; split(line, names, ",")
      }
      {
        n = split($0, x, ",")
        if (n == 0 || n % 4 != 0) { print "ERROR " n; exit }
        rows = n / 4; labels = ""; probs = ""
        for (r = 0; r < rows; r++) {
          best = 0; max = -1e300; total = 0
          for (i = 0; i < k; i++) {
            z = b[i + 1]; for (j = 1; j <= 4; j++) z += w[i, j] * x[r * 4 + j]
            s[i] = z; if (z > max) { max = z; best = i }
          }
          for (i = 0; i < k; i++) { p[i] = expo(s[i] - max); total += p[i] }
          labels = labels (r ? "," : "") "\"" names[best + 1] "\""
          for (i = 0; i < k; i++) probs = probs ((r || i) ? "," : "") sprintf("%.4f", p[i] / total)
        }
        printf "%d|%s|%s\n", rows, labels, probs
      }')
    case "$result" in
      ""|*"||"*) respond "500 Internal Server Error" '{"error":"inference failed; see the server log"}' ;;
      ERROR*) respond "400 Bad Request" '{"error":"input-0 must hold 4 features per row (sepal_length, sepal_width, petal_length, petal_width)"}' ;;
      *)
        rows=${result%%|*}; rest=${result#*|}; labels=${rest%%|*}; probs=${rest#*|}
        respond "200 OK" "{\"model_name\":\"iris\",\"model_version\":\"1\",\"outputs\":[{\"name\":\"class\",\"datatype\":\"BYTES\",\"shape\":[$rows],\"data\":[$labels]},{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[$rows,3],\"data\":[$probs]}]}" ;;
    esac ;;
  *) respond "404 Not Found" "{\"error\":\"no route for $method $path\"}" ;;
esac
