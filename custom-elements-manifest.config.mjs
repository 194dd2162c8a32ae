// @custom-elements-manifest/analyzer settings (read by `cem analyze` in the build).
export default {
  plugins: [
    {
      // `new Event(ANSWER_EVENT)` is listed under the constant's name; the event is koubei-answer-changed,
      // which the JSDoc of FormControl already describes.
      name: 'koubei-manifest-fixes',
      packageLinkPhase({ customElementsManifest }) {
        for (const m of customElementsManifest.modules)
          for (const d of m.declarations ?? []) {
            if (d.events) d.events = d.events.filter((e) => e.name !== 'ANSWER_EVENT');
            // `static properties` entries with `state: true` (the _private ones) have no attribute.
            if (d.attributes) d.attributes = d.attributes.filter((a) => !a.name.startsWith('_'));
            if (d.members) d.members = d.members.filter((x) => !(x.static && x.name === 'properties'));
          }
      },
    },
  ],
};
