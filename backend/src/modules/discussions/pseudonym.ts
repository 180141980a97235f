import { createHmac } from 'node:crypto';

const ANIMALS = [
  'Heron', 'Otter', 'Badger', 'Falcon', 'Lynx', 'Puffin', 'Marten', 'Wren', 'Kestrel', 'Beaver', 'Hare', 'Stoat',
  'Robin', 'Owl', 'Fox', 'Seal', 'Swift', 'Crane', 'Ibis', 'Gecko', 'Koala', 'Panda', 'Lemur', 'Tapir',
  'Okapi', 'Quokka', 'Marmot', 'Bison', 'Ferret', 'Dormouse', 'Hedgehog', 'Pelican', 'Toucan', 'Magpie', 'Finch', 'Plover',
  'Sparrow', 'Starling', 'Curlew', 'Egret', 'Osprey', 'Condor', 'Jackdaw', 'Mongoose', 'Meerkat', 'Narwhal', 'Walrus', 'Orca',
  'Dolphin', 'Manatee', 'Axolotl', 'Salamander', 'Newt', 'Tortoise', 'Turtle', 'Iguana', 'Chameleon', 'Gazelle', 'Antelope', 'Ibex',
  'Chamois', 'Moose', 'Elk', 'Reindeer', 'Alpaca', 'Llama', 'Camel', 'Yak', 'Zebra', 'Giraffe', 'Cheetah', 'Ocelot',
  'Serval', 'Caracal', 'Jaguar', 'Puma', 'Panther', 'Wolf', 'Coyote', 'Jackal', 'Dingo', 'Raccoon', 'Squirrel', 'Chipmunk',
  'Vole', 'Shrew', 'Mole', 'Bat', 'Kingfisher', 'Hummingbird', 'Lark', 'Nightingale', 'Oriole', 'Cardinal', 'Bluebird', 'Swallow',
];

const COLOURS = ['#1b5e20', '#0d47a1', '#4a148c', '#b71c1c', '#e65100', '#006064', '#3e2723', '#263238', '#880e4f', '#33691e', '#1a237e', '#004d40'];

export interface Pseudonym {
  name: string;
  avatarColour: string;
}

/**
 * A readable alias for an anonymous author, the same everywhere inside one thread and unrelated
 * across threads: derived with a server secret from the user and the thread, never stored.
 */
export function pseudonymFor(secret: string, threadId: string, userId: string): Pseudonym {
  const digest = createHmac('sha256', secret).update(`${threadId}\u0000${userId}`).digest();
  return { name: `Anonymous ${ANIMALS[digest.readUInt16BE(0) % ANIMALS.length]}`, avatarColour: COLOURS[digest[2] % COLOURS.length] };
}
