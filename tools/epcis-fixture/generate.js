// Writes an EPCIS 2.0 JSON-LD document made by GS1 France's epcis2.js SDK (npm "epcis2.js", pinned in
// package-lock.json) to stdout: the life of one lot of rice from commissioning to retail, with a repack
// (TransformationEvent) and packing (AggregationEvent). QualityCity's tests capture the committed output
// (src/test/resources/epcis/epcis2js-document.jsonld) as a document written by a library that is not ours.
// Run: npm ci && npm run generate
const {
  EPCISDocument, ObjectEvent, AggregationEvent, TransformationEvent, QuantityElement, BizLocation, ReadPoint,
  DestinationElement, cbv,
} = require('epcis2.js');

const farm = 'urn:epc:id:sgln:0614141.00777.0';
const processor = 'urn:epc:id:sgln:0614141.00888.0';
const shop = 'urn:epc:id:sgln:0614141.00999.0';
const paddyLot = 'https://id.gs1.org/01/06901234567892/10/JS2024-09';
const bagLot = 'https://id.gs1.org/01/06901234567809/10/JS2024-09R';

function q(epcClass, quantity, uom) {
  const e = new QuantityElement().setEpcClass(epcClass).setQuantity(quantity);
  return uom ? e.setUom(uom) : e;
}

const commissioning = new ObjectEvent()
  .setAction(cbv.actionTypes.add)
  .setEventTime('2024-09-20T08:00:00.000+08:00')
  .setBizStep(cbv.bizSteps.commissioning)
  .setDisposition(cbv.dispositions.active)
  .setReadPoint(new ReadPoint().setId(farm))
  .setBizLocation(new BizLocation().setId(farm))
  .addQuantity(q(paddyLot, 1200, 'KGM'));

const shipping = new ObjectEvent()
  .setAction(cbv.actionTypes.observe)
  .setEventTime('2024-09-21T07:30:00.000+08:00')
  .setBizStep(cbv.bizSteps.shipping)
  .setDisposition(cbv.dispositions.in_transit)
  .setReadPoint(new ReadPoint().setId(farm))
  .addQuantity(q(paddyLot, 1200, 'KGM'))
  .addDestination(new DestinationElement().setType(cbv.sourceDestinationTypes.location).setDestination(processor));

const repack = new TransformationEvent()
  .setEventTime('2024-09-22T10:00:00.000+08:00')
  .setBizStep(cbv.bizSteps.repackaging)
  .setDisposition(cbv.dispositions.active)
  .setBizLocation(new BizLocation().setId(processor))
  .addInputQuantity(q(paddyLot, 1200, 'KGM'))
  .addOutputQuantity(q(bagLot, 230));

const packing = new AggregationEvent()
  .setAction(cbv.actionTypes.add)
  .setEventTime('2024-09-22T11:00:00.000+08:00')
  .setBizStep(cbv.bizSteps.packing)
  .setDisposition(cbv.dispositions.in_progress)
  .setParentId('urn:epc:id:sscc:0614141.1234567890')
  .addChildQuantity(q(bagLot, 40))
  .setBizLocation(new BizLocation().setId(processor));

const selling = new ObjectEvent()
  .setAction(cbv.actionTypes.observe)
  .setEventTime('2024-09-25T15:45:00.000+08:00')
  .setBizStep(cbv.bizSteps.retail_selling)
  .setDisposition(cbv.dispositions.retail_sold)
  .setBizLocation(new BizLocation().setId(shop))
  .addEPC('https://id.gs1.org/01/06901234567809/21/R0001');

const doc = new EPCISDocument().setCreationDate('2024-09-25T16:00:00.000+08:00');
for (const e of [commissioning, shipping, repack, packing, selling]) {
  e.generateHashID({}, true);
  doc.addEvent(e);
}
if (!doc.isValid()) {
  throw new Error('epcis2.js says the document is invalid');
}
process.stdout.write(JSON.stringify(doc.toObject(), null, 2) + '\n');
