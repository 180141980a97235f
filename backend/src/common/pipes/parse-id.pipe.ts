import { Injectable, NotFoundException, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

/** Route ids: anything that is not a UUID cannot name a resource, so it is a plain 404. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new NotFoundException('There is nothing at this address.');
    return value.toLowerCase();
  }
}
