// The entry esbuild bundles into theme/assets/javascripts/vendor/ajv2020.min.js (`make vendor-js`):
// ajv's JSON Schema 2020-12 validator (the dialect generator/model/schema.py writes),
// exposed as window.CasebookAjv for theme/assets/javascripts/submit-form.js.
import Ajv2020 from "ajv/dist/2020";

window.CasebookAjv = Ajv2020;
